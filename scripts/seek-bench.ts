// Seek latency (run with node --expose-gc --import tsx for heap figures) of the Timeline on a big recording: `npx tsx scripts/seek-bench.ts [events]`.
//
// Runs an allocation churn in the Engine until the log holds at least `events` events (default
// 10M), round-trips it through the recording codec (reporting bytes per event), then seeks to
// random indices (a fixed-seed generator, so runs compare) and prints p50/p99/max latency, the
// time to build the checkpoints and their count. Not a unit test: timings depend on the machine.
// Measured here (10M events, Node 20): 2.57 bytes/event, checkpoints built in 3.3 s taking 327 MiB
// (2.9x the 114 MiB of the final state), random seek p50 0.38 ms, p99 6.2 ms, max 9.3 ms.
import { Engine } from '../packages/engine/src/engine.js';
import { encodeRecording, readRecording } from '../packages/engine/src/recording/index.js';
import { Timeline } from '../packages/engine/src/timeline/index.js';
import { reduceLog } from '../packages/engine/src/state/reduce.js';

const target = Number(process.argv[2] ?? 10_000_000);
const rounds = Math.ceil(target / 43); // the loop body below emits ~43 events per iteration
const source = [
  'keep = []',
  `for i in range(${rounds}):`,
  '    x = [i, str(i), (i, i)]',
  '    if i % 100 == 0:',
  '        keep.append(x)',
  'print(len(keep))',
  '',
].join('\n');

let t = performance.now();
const engine = new Engine(source, { filename: 'churn.py' });
while (!engine.finished) engine.run({ steps: 1_000_000 });
const log = engine.log;
console.log(`run: ${log.length} events in ${((performance.now() - t) / 1000).toFixed(1)} s`);

t = performance.now();
const bytes = encodeRecording(log, { program: 'churn.py', source });
const encodeMs = performance.now() - t;
t = performance.now();
const rec = readRecording(bytes);
const decodeMs = performance.now() - t;
console.log(
  `codec: ${bytes.length} bytes, ${(bytes.length / log.length).toFixed(2)} bytes/event; ` +
    `encode ${(log.length / encodeMs / 1000).toFixed(1)}M events/s, decode ${(rec.log.length / decodeMs / 1000).toFixed(1)}M events/s`,
);

// For scale: the heap one plain (unshared) state of the whole run takes.
(globalThis as { gc?: () => void }).gc?.();
let before = process.memoryUsage().heapUsed;
const whole = reduceLog(rec.log);
(globalThis as { gc?: () => void }).gc?.();
console.log(`final state: ${whole.objects} live objects, ${whole.allocated} allocated, heap ${((process.memoryUsage().heapUsed - before) / 2 ** 20).toFixed(0)} MiB`);

const tl = new Timeline(rec.log);
(globalThis as { gc?: () => void }).gc?.();
const heapBefore = process.memoryUsage().heapUsed;
t = performance.now();
tl.stateAt(rec.log.length - 1);
const buildS = (performance.now() - t) / 1000;
(globalThis as { gc?: () => void }).gc?.();
console.log(
  `checkpoints: ${tl.checkpointCount} every ${tl.every} events, built in ${buildS.toFixed(1)} s, ` +
    `heap +${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(0)} MiB`,
);

let seed = 12345;
const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const times: number[] = [];
for (let k = 0; k < 500; k++) {
  const i = Math.floor(random() * rec.log.length);
  const s = performance.now();
  tl.stateAt(i);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const pct = (p: number): string => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
console.log(`random seek over ${times.length} indices: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${times[times.length - 1]!.toFixed(2)} ms`);
