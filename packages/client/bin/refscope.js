#!/usr/bin/env node
// The refscope command. The real code is bundled into ../dist/cli.js at install time (npm's
// `prepare` runs scripts/build.mjs), so starting the command costs one file load, not a TypeScript
// compile.
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`refscope: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
