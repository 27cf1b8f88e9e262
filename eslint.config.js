// Lint and import boundaries. The boundaries keep the pipeline one-way:
// ingest -> catalogue -> audit -> gate -> report, with run wiring them and cli on top of everything.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS = ['util', 'nlp', 'ingest', 'catalogue', 'audit', 'gate', 'report', 'diff', 'run', 'cli'];

/** What each folder of src/ may import besides itself (types.ts is open to all, and imports nothing). */
const ALLOWED = {
  util: [],
  nlp: ['util'],
  ingest: ['util', 'nlp'],
  catalogue: ['util', 'nlp'],
  audit: ['catalogue', 'nlp', 'util'],
  // The gate (fail-on, baselines, waivers) is a policy over results: reports show it, so it sits below them.
  gate: ['util', 'catalogue'],
  report: ['util', 'nlp', 'gate'],
  diff: ['util', 'report', 'gate'],
  run: LAYERS.filter((l) => l !== 'cli' && l !== 'run'),
  cli: LAYERS.filter((l) => l !== 'cli'),
};

/** The rule for one folder: every other folder not allowed. */
function boundary(layer) {
  const banned = LAYERS.filter((l) => l !== layer && !ALLOWED[layer].includes(l));
  return [
    'error',
    {
      patterns: [
        {
          // Any depth of ../, so a sub-folder (src/audit/checks) is held to its folder's rule too.
          regex: `^(?:\\.\\./)+(${banned.join('|')})/`,
          message: `src/${layer} may import only ${['types.ts', ...ALLOWED[layer]].join(', ')} (see eslint.config.js): the pipeline runs one way.`,
        },
      ],
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // A disable comment that no longer silences anything is an error: each one stays meaningful.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Renderers share one signature; an option one of them ignores is named with a leading _.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // [before, after] where only one is assigned again (src/cli/diff-command.ts).
      'prefer-const': ['error', { destructuring: 'all' }],
    },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        structuredClone: 'readonly',
        SharedArrayBuffer: 'readonly',
        performance: 'readonly',
        AbortController: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
  },
  // Tests feed and look for control characters on purpose (sanitising, terminal escapes).
  { files: ['test/**'], linterOptions: { reportUnusedDisableDirectives: 'off' }, rules: { 'no-control-regex': 'off' } },
  // src/types.ts and src/util are the bottom: nothing of ours above them.
  { files: ['src/types.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./', message: 'src/types.ts imports nothing of ours.' }] }] } },
  ...LAYERS.map((layer) => ({ files: [`src/${layer}/**/*.ts`], rules: { 'no-restricted-imports': boundary(layer) } })),
  // The library API may use everything but the CLI.
  { files: ['src/index.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./cli/', message: 'Nothing imports src/cli.' }] }] } },
);
