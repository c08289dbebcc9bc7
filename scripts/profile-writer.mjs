// Times the recording encoder alone: runs a program once in-process, then encodes its log with
// RecordingWriter several times and prints the best time and the bytes (which must not change
// between builds). `npm run build` first; `node scripts/profile-writer.mjs FILE.py [rounds]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { Engine, RecordingWriter } = await import(process.env.ENGINE ?? path.join(root, "packages/engine/dist/index.js"));

const file = process.argv[2];
const rounds = Number(process.argv[3] ?? 5);
const source = readFileSync(file, 'utf8');
let t0 = performance.now();
const engine = new Engine(source, { filename: path.basename(file) });
engine.run();
const runMs = performance.now() - t0;
const log = engine.log;

let best = Infinity;
let digest = '';
let size = 0;
for (let r = 0; r < rounds; r++) {
  t0 = performance.now();
  const w = new RecordingWriter(log, { program: path.basename(file), source });
  const parts = [w.header()];
  // Take in slices, as the recorder does, so block boundaries match a real run without flushes.
  for (const p of w.end()) parts.push(p);
  const ms = performance.now() - t0;
  if (ms < best) best = ms;
  const h = createHash('sha256');
  size = 0;
  for (const p of parts) {
    h.update(p);
    size += p.length;
  }
  digest = h.digest('hex').slice(0, 16);
}
console.log(`${path.basename(file)}: run ${runMs.toFixed(0)} ms, ${log.length} events; encode best ${best.toFixed(1)} ms ` +
  `(${((log.length / best) / 1e3).toFixed(1)} M events/s), ${size} bytes, sha256 ${digest}`);
