// Shared by test/recording, test/timeline and test/diff: running programs and the conformance corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Engine, EventKind, type EventLog } from '@refscope/engine';

export const CASES = new URL('../../../shared/conformance/cases/', import.meta.url).pathname;
export const HAVE_CASES = existsSync(CASES);
if (!HAVE_CASES) console.warn(`skipping conformance-based tests: ${CASES} is absent`);

/** The conformance programs (name, source), or none when ../shared is absent. */
export function conformanceCases(): { name: string; source: string }[] {
  if (!HAVE_CASES) return [];
  return readdirSync(CASES)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((name) => ({ name, source: readFileSync(CASES + name, 'utf8') }));
}

/** Runs `source` to the end in slices of `slice` instructions; returns the engine's log. */
export function run(source: string, slice = 1_000_000, onSlice?: (log: EventLog) => void): EventLog {
  const engine = new Engine(source, { filename: 'prog.py' });
  while (!engine.finished) {
    engine.run({ steps: slice });
    onSlice?.(engine.log);
  }
  return engine.log;
}

/** Programs of our own that exercise cycles, closures, generators, exceptions and output. */
export const PROGRAMS: Record<string, string> = {
  cycle: ['import gc', 'class Node:', '    pass', 'a = Node()', 'b = Node()', 'a.other = b', 'b.other = a', 'del a, b', 'print(gc.collect())', ''].join('\n'),
  churn: ['keep = []', 'for i in range(300):', '    x = [i, str(i), (i, i)]', '    if i % 7 == 0:', '        keep.append(x)', 'print(len(keep), keep[-1][1])', ''].join('\n'),
  calls: [
    'def fib(n):', '    return n if n < 2 else fib(n - 1) + fib(n - 2)',
    'def gen(n):', '    for i in range(n):', '        yield {i: str(i)}',
    'total = sum(len(d) for d in gen(50))',
    'try:', '    {}["missing"]', 'except KeyError as e:', '    msg = repr(e)',
    'print(fib(12), total, msg)', '',
  ].join('\n'),
};

/** Index of the first event of `kind` matching `pred`. */
export function find(log: EventLog, kind: EventKind, pred: (e: { a: number; b: number; c: number; d: number }) => boolean = () => true, from = 0): number {
  for (let i = from; i < log.length; i++) {
    if (log.kind(i) !== kind) continue;
    const e = log.get(i);
    if (pred(e)) return i;
  }
  return -1;
}
