// Build step: bundle the CLI and the batch worker into a few files. Start-up time is mostly
// Node resolving and loading hundreds of small ES modules (unified, micromark…); one bundle
// loads several times faster. The library API (dist/index.js) stays unbundled.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts', worker: 'src/run/worker.ts', warm: 'src/run/warm.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Left as packages: loaded on demand and heavy (mammoth, docx), or locating files of their own
  // beside their code (PDFium's WebAssembly, tinypool's thread entry).
  external: ['@embedpdf/pdfium', 'docx', 'mammoth', 'tinypool'],
  // Bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __sgCreateRequire } from 'node:module'; const require = __sgCreateRequire(import.meta.url);" },
});
