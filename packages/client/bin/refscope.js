#!/usr/bin/env node
// The refscope command. The real code is bundled into ../dist/cli.js at install time (npm's
// `prepare` runs scripts/build.mjs), so starting the command costs one file load, not a TypeScript
// compile. The V8 settings come first: they apply to code that runs after them (see v8-flags.js).
import './v8-flags.js';

const { main } = await import('../dist/cli.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`refscope: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
