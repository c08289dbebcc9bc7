// `npm run bench`: how refscope's speed compares with python3's, the way contracts.md reads the
// performance targets (the ratio of `refscope run --record` to `python3` on the same script,
// start-up included), and the reducer's throughput on a synthetic log.
// Run `npm run build` first; this measures the shipped bundles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'packages/client/bin/refscope.js');
const engine = await import(path.join(root, 'packages/engine/dist/index.js'));

const PROGRAMS = {
  'allocations.py': [
    'import gc',
    'keep = []',
    'for i in range(200000):',
    '    x = [i, str(i), (i, i)]',
    '    if i % 100 == 0:',
    '        keep.append(x)',
    'print(len(keep), gc.get_count()[0] >= 0)',
  ],
  'cycles.py': [
    'import gc',
    'class Node:',
    '    def __init__(self):',
    '        self.other = None',
    'for i in range(50000):',
    '    a = Node()',
    '    b = Node()',
    '    a.other = b',
    '    b.other = a',
    'del a, b',
    'print(gc.collect() >= 0)',
  ],
  'calls.py': [
    'def fib(n):',
    '    return n if n < 2 else fib(n - 1) + fib(n - 2)',
    'print(fib(22))',
  ],
};

function time(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, PYTHONHASHSEED: '0', PYTHONUNBUFFERED: '1' } });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Size and event count of a recording (docs/format.md), read back with the engine's own reader. */
function recordingInfo(file) {
  try {
    const buf = readFileSync(file);
    return { size: buf.length, events: engine.readRecording(new Uint8Array(buf)).log.length };
  } catch {
    return { size: 0, events: 0 };
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'refscope-bench-'));
try {
  console.log('program            python3 ms   refscope ms   ratio   events      recording  bytes/event');
  for (const [name, lines] of Object.entries(PROGRAMS)) {
    writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
    const py = time('python3', [name], dir);
    const rec = path.join(dir, name + '.rsrec');
    const rs = time(process.execPath, [bin, 'run', name, '--record', rec], dir);
    let note = '';
    if (rs.status !== 0) note = `  (exit ${rs.status}: ${rs.stderr.trim().split('\n').pop()})`;
    else if (rs.stdout !== py.stdout) note = '  (output differs from python3)';
    const { size, events } = recordingInfo(rec);
    console.log(
      `${name.padEnd(18)} ${py.ms.toFixed(0).padStart(10)} ${rs.ms.toFixed(0).padStart(13)} ${(rs.ms / py.ms).toFixed(1).padStart(7)}` +
        `   ${String(events).padEnd(11)} ${(size / 1e6).toFixed(1).padStart(5)} MB  ${events ? (size / events).toFixed(2) : '-'}${note}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The reducer alone: a synthetic run of allocations, references and frees.
const { EventLog, reduceLog, buildCheckpoints } = engine;
const log = new EventLog();
const list = log.str('list');
const slot = log.str('x');
const N = 300_000;
for (let i = 0; i < N; i++) {
  log.push(1, i, list, 56, -1); // alloc
  log.push(6, i, 0); // track
  log.push(3, i, 5, i >> 1, slot); // incref, held as a dict value
  log.push(4, i, 0, -1, -1); // decref of the creator's temporary
  log.push(22, i & 1023, 0); // line
  if (i >= 100) {
    log.push(4, i - 100, 5, (i - 100) >> 1, slot);
    log.push(2, i - 100); // free
  }
}
let t0 = performance.now();
reduceLog(log);
const mutableMs = performance.now() - t0;
t0 = performance.now();
const cps = buildCheckpoints(log, 65536);
const immerMs = performance.now() - t0;
const rate = (ms) => `${((log.length / ms) * 1000 / 1e6).toFixed(2)} M events/s`;
console.log(`\nreducer: ${log.length} events; mutable fold ${mutableMs.toFixed(0)} ms (${rate(mutableMs)}); ` +
  `${cps.length} immer checkpoints ${immerMs.toFixed(0)} ms (${rate(immerMs)})`);
