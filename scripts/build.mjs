// Builds the shipped JavaScript with esbuild: one bundled ESM file per package entry point.
// Runs at install time (the root `prepare` script), so `refscope` starts from plain JavaScript
// instead of compiling TypeScript on every start. Type checking is separate: `npm run typecheck`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync, readdirSync, rmSync } from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const at = (p) => path.join(root, p);

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  alias: {
    '@refscope/engine/recording': at('packages/engine/src/recording/index.ts'),
    '@refscope/engine': at('packages/engine/src/index.ts'),
    '@refscope/server': at('packages/server/src/index.ts'),
  },
  // Libraries (immer) skip their development-only checks, which read process.env on hot paths.
  define: { 'process.env.NODE_ENV': '"production"' },
  // ws optionally loads these native helpers; they are not installed and not needed.
  external: ['bufferutil', 'utf-8-validate'],
  // Bundled CommonJS dependencies (ws, commander) may call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __refscopeRequire } from 'node:module'; const require = __refscopeRequire(import.meta.url);" },
};

const entries = [
  ['packages/engine/src/index.ts', 'packages/engine/dist/index.js'],
  ['packages/engine/src/recording/index.ts', 'packages/engine/dist/recording.js'],
  ['packages/server/src/index.ts', 'packages/server/dist/index.js'],
  // The recorder's worker thread (recorder.ts starts it from next to cli.js).
  ['packages/client/src/record-worker.ts', 'packages/client/dist/record-worker.js'],
  // The terminal UI: its own bundle, loaded by cli.js on demand (see loadTui in cli.ts).
  ['packages/client/src/tui.ts', 'packages/client/dist/tui.js'],
];

// Every refscope command parses its bundle before it does anything, and that is most of its
// start-up after Node's own. So the command's bundle is split where cli.ts imports on demand
// (`serve` and `attach`, with ws and rxjs, go to chunks of their own that only they load), and
// its whitespace and syntax are minified (names are kept: stack traces stay readable). Together
// a little over 10 ms off every start.
const command = {
  entryPoints: [at('packages/client/src/cli.ts')],
  outdir: at('packages/client/dist'),
  splitting: true,
  // Beside cli.js, not in a folder: code that finds tui.js or record-worker.js next to its own
  // file (import.meta.url) may land in a chunk.
  chunkNames: '[name]-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
};

// React and Ink stay ordinary runtime imports of the tui bundle: Ink loads its layout engine
// (yoga, WebAssembly) and optional devtools itself, which bundling would break.
const uiExternal = ['ink', 'react', 'react/jsx-runtime', 'ink-testing-library'];

// Chunks of an earlier build would pile up beside the new ones (their names carry a hash).
const clientDist = at('packages/client/dist');
if (existsSync(clientDist)) for (const f of readdirSync(clientDist)) if (/-[A-Z0-9]{8}\.js$/.test(f)) rmSync(path.join(clientDist, f));
await Promise.all([
  ...entries.map(([entry, out]) =>
    build({ ...common, external: [...common.external, ...uiExternal], entryPoints: [at(entry)], outfile: at(out) }),
  ),
  build({ ...common, external: [...common.external, ...uiExternal], ...command }),
]);
