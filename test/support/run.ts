// Runs a Python file through the Engine: `npx tsx test/support/run.ts FILE.py [--pycode]`.
// Prints the program's stdout/stderr as `refscope run` would, exits with its status.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Engine } from '../../packages/engine/src/engine.js';
import { loadPycode } from './pycode.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: run.ts FILE.py [--pycode]\n');
  process.exit(2);
}
const source = readFileSync(file, 'utf8');
const usePycode = process.argv.includes('--pycode');
const engine = new Engine(source, {
  filename: file,
  displayPath: resolve(file),
  onStdout: (t) => process.stdout.write(t),
  onStderr: (t) => process.stderr.write(t),
  ...(usePycode ? { code: loadPycode(file) } : {}),
});
while (!engine.finished) engine.run({ steps: 100000 });
process.exitCode = engine.exitCode ?? 1;
