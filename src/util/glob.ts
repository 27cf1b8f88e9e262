import picomatch from 'picomatch';
import { ConfigError } from './errors.js';

/** Longest pattern accepted: globs in a config are short; longer ones are mistakes or attacks. */
export const MAX_GLOB_LENGTH = 256;
/** `*` and `?` per path segment: each adds a degree to the backtracking of the compiled regex. */
const MAX_WILDCARDS_PER_SEGMENT = 3;
const MAX_SEGMENTS = 32;
const MAX_BRACE_GROUPS = 2;

export type GlobMatcher = (path: string) => boolean;

export interface GlobOptions {
  /** A pattern without "/" matches the file name at any depth (as in .gitignore). */
  matchBase?: boolean;
  /** Case-insensitive (README.md and readme.md alike). */
  nocase?: boolean;
}

/**
 * Compiles a glob (waiver paths, include and exclude) so that no pattern can hang the run.
 * picomatch turns a whole glob into one regular expression, and a pattern such as
 * `** /*a*a* /** /*a*a*` (stars on both sides of globstars) backtracks for minutes. So the pattern
 * is split at "/", each segment is compiled by picomatch with extglobs off (no nested repetitions)
 * and a cap on its wildcards, and globstars are matched segment by segment here: the cost is
 * (pattern segments × path segments) single-segment matches, each bounded by a file name's length.
 * `matchBase`: a pattern without "/" matches the file name at any depth (as in .gitignore).
 */
export function compileGlob(pattern: string, where: string, options: GlobOptions = {}): GlobMatcher {
  const bad = (why: string) => new ConfigError(`${where}: glob "${pattern.slice(0, 80)}${pattern.length > 80 ? '…' : ''}" ${why}`);
  if (!pattern) throw bad('is empty');
  if (pattern.length > MAX_GLOB_LENGTH) throw bad(`is longer than ${MAX_GLOB_LENGTH} characters`);
  if (/[{][^}]*\//.test(pattern)) throw bad('has a "/" inside braces: write one pattern per path instead');
  let text = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const negated = text.startsWith('!');
  if (negated) throw bad('starts with "!": list what to leave out under exclude instead');
  if (options.matchBase && !text.includes('/')) text = `**/${text}`;
  text = text.replace(/^\/+/, '');
  // "drafts/" means everything under drafts, as in .gitignore.
  if (text.endsWith('/')) text = `${text}**`;
  const parts = text.split('/').filter((p, i, all) => p !== '' || i === all.length - 1);
  if (parts.length > MAX_SEGMENTS) throw bad(`has more than ${MAX_SEGMENTS} path segments`);
  const segments: Array<GlobMatcher | 'globstar'> = [];
  for (const part of parts) {
    if (part === '**') {
      // Consecutive globstars mean the same as one.
      if (segments[segments.length - 1] !== 'globstar') segments.push('globstar');
      continue;
    }
    if ((part.match(/[*?]/g) ?? []).length > MAX_WILDCARDS_PER_SEGMENT) throw bad(`has more than ${MAX_WILDCARDS_PER_SEGMENT} wildcards between two "/"`);
    if ((part.match(/\{/g) ?? []).length > MAX_BRACE_GROUPS) throw bad(`has more than ${MAX_BRACE_GROUPS} brace groups between two "/"`);
    segments.push(picomatch(part, { dot: true, noextglob: true, nocase: options.nocase ?? false, maxLength: MAX_GLOB_LENGTH }));
  }
  return (path: string) => matchSegments(segments, path.replace(/\\/g, '/').replace(/^\.\//, '').split('/'));
}

/** Which pattern positions can be reached after each path segment: a set, never a backtrack. */
function matchSegments(segments: ReadonlyArray<GlobMatcher | 'globstar'>, path: readonly string[]): boolean {
  let states = closure(new Set([0]), segments);
  for (const name of path) {
    const next = new Set<number>();
    for (const i of states) {
      const seg = segments[i];
      if (seg === undefined) continue;
      // A globstar never matches a "." or ".." segment, nor does any pattern segment.
      if (seg === 'globstar') {
        if (name !== '.' && name !== '..') next.add(i);
      } else if (seg(name)) next.add(i + 1);
    }
    if (!next.size) return false;
    states = closure(next, segments);
  }
  return states.has(segments.length);
}

/** A globstar may also match no segment at all. */
function closure(states: Set<number>, segments: ReadonlyArray<GlobMatcher | 'globstar'>): Set<number> {
  for (const i of [...states].sort((a, b) => a - b)) {
    for (let k = i; segments[k] === 'globstar'; k++) states.add(k + 1);
  }
  return states;
}

/** Any of several globs. */
export function anyGlob(patterns: readonly string[], where: string, options: GlobOptions = {}): GlobMatcher {
  const matchers = patterns.map((p, i) => compileGlob(p, `${where}[${i}]`, options));
  return (path) => matchers.some((m) => m(path));
}
