// Properties of whole runs on generated programs (programs.ts). They need the interpreter; until
// the Engine runs programs they are skipped with the reason printed, and only the generator itself
// is checked (against python3, which must accept every program).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import {
  Engine, EventKind, Holder, applyEvent, buildCheckpoints, createHeapState, eventToJSON, getObject, allObjects,
  reduceLog, stateAt, type EventLog, type EventRecord,
} from '@refscope/engine';
import { programOf, programs, type GeneratedProgram } from './programs.js';

const RUNS = 40;

function run(source: string): Engine {
  const engine = new Engine(source, { filename: 'gen.py', maxSteps: 5_000_000 });
  engine.run();
  return engine;
}

/** A program using every statement of the grammar: the properties run once the engine runs it as python3 does. */
const PROBE = programOf([
  'l0.append(o0)', "d0['a'] = (l1, d1)", 'o1.x = [o2, g0]', 'g1 = Node()', 'l2 = []', 'o0 = Node()',
  'l1.clear()', 'if l0: l0.pop()', 'd1.clear()', 'print(f"rc o1 {sys.getrefcount(o1)}")', 'print(gc.collect())',
  'gc.collect(0)', 'print(len(l0), len(d0))', 'l0.append(l0)', 'o2.y = o2',
]).source;

function engineRunsPrograms(): string | null {
  const probe = run(PROBE);
  const want = python(PROBE);
  if (probe.exitCode === 0 && (!want || probe.stdout === want.stdout)) return null;
  const why = probe.stderr.trim().split('\n').pop() ?? '';
  return `the Engine does not run the grammar's probe program as python3 does yet (exit ${probe.exitCode}: ${why.slice(0, 120)})`;
}

function python(source: string): { status: number | null; stdout: string } | null {
  const r = spawnSync('python3', ['-c', source], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', PYTHONHASHSEED: '0', PYTHONUNBUFFERED: '1', PYTHONUTF8: '1' },
  });
  return r.error ? null : { status: r.status, stdout: r.stdout };
}

const hasPython = python('pass') !== null;
const notRunning = engineRunsPrograms();
if (notRunning) console.warn(`test/property: run properties skipped: ${notRunning}`);

const dump = (log: EventLog) =>
  Array.from({ length: log.length }, (_, i) => JSON.stringify(eventToJSON(i, log.get(i), log.strings)));

describe('the program generator', () => {
  it.skipIf(!hasPython)('makes programs python3 runs without error', () => {
    fc.assert(
      fc.property(programs, (p) => {
        const r = python(p.source)!;
        expect(r.status, p.source).toBe(0);
        expect(r.stdout).toMatch(/final \d+\n$/);
      }),
      { numRuns: 10 },
    );
  });
});

describe.skipIf(notRunning !== null)('properties of runs on generated programs', () => {
  const check = (prop: (p: GeneratedProgram, engine: Engine) => void) =>
    fc.assert(fc.property(programs, (p) => prop(p, run(p.source))), { numRuns: RUNS });

  it('prints what python3 prints', () => {
    if (!hasPython) return;
    check((p, engine) => {
      expect(engine.stdout, p.source).toBe(python(p.source)!.stdout);
      expect(engine.exitCode).toBe(0);
    });
  });

  it('never lets a refcount go negative, and frees only at refcount 0 or when found unreachable', () => {
    check((p, engine) => {
      const { log } = engine;
      const state = createHeapState();
      const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
      for (let i = 0; i < log.length; i++) {
        log.read(i, e);
        if (e.kind === EventKind.Free) {
          const o = getObject(state, e.a);
          if (o && o.allocEvent >= 0) expect(o.rc === 0 || o.unreachable, `event ${i} frees #${e.a} at rc ${o.rc}\n${p.source}`).toBe(true);
        }
        applyEvent(state, e, log.strings);
        if (e.kind === EventKind.Decref) {
          const o = getObject(state, e.a)!;
          if (o.allocEvent >= 0) expect(o.rc, `event ${i}: #${e.a} rc\n${p.source}`).toBeGreaterThanOrEqual(0);
        }
      }
    });
  });

  it('leaves nothing the program made and dropped alive after the final full collection', () => {
    check((p, engine) => {
      const { log } = engine;
      let lastStop = -1;
      for (let i = 0; i < log.length; i++) if (log.kind(i) === EventKind.GcStop) lastStop = i;
      expect(lastStop).toBeGreaterThanOrEqual(0);
      const state = reduceLog(log, lastStop);
      // Objects the interpreter keeps for good once a program first needs them (print's keyword
      // tuple, Py_ReprEnter's thread-state dict and list) are held by a root, not leaked.
      const rootHolds = new Map<number, number>();
      for (let i = 0; i <= lastStop; i++) {
        const k = log.kind(i);
        if (k !== EventKind.Incref && k !== EventKind.Decref) continue;
        const ev = log.get(i);
        if (ev.b !== Holder.Root) continue;
        rootHolds.set(ev.a, (rootHolds.get(ev.a) ?? 0) + (k === EventKind.Incref ? 1 : -1));
      }
      const kept = new Set<number>();
      for (const [id, n] of rootHolds) {
        if (n <= 0) continue;
        kept.add(id);
        for (const r of Object.keys(getObject(state, id)?.refs ?? {})) kept.add(Number(r));
      }
      const left = [...allObjects(state)].filter(
        (o) => o.alive && o.allocEvent >= 0 && ['list', 'dict', 'tuple', 'Node'].includes(o.type) &&
          o.allocLine >= p.firstLine && o.allocLine <= p.lastLine && !kept.has(o.id),
      );
      expect(left.map((o) => `${o.type}#${o.id} (line ${o.allocLine}, rc ${o.rc})`), p.source).toEqual([]);
    });
  });

  it('records the same program identically twice', () => {
    check((p, engine) => {
      const again = run(p.source);
      expect(again.log.length).toBe(engine.log.length);
      expect(dump(again.log)).toEqual(dump(engine.log));
    });
  });

  it('reduces, from event 0 and from checkpoints, to the state the run ended in', () => {
    check((p, engine) => {
      const end = reduceLog(engine.log);
      expect(end.stdout).toBe(engine.stdout);
      expect(end.stderr).toBe(engine.stderr);
      expect(end.exit ?? engine.exitCode).toBe(engine.exitCode);
      const viaCheckpoints = stateAt(buildCheckpoints(engine.log, 997), engine.log, engine.log.length - 1);
      expect(JSON.stringify(viaCheckpoints)).toBe(JSON.stringify(end));
    });
  });

  it("keeps each global's refcount equal to what sys.getrefcount reports, minus its argument", () => {
    let checked = 0;
    check((p, engine) => {
      const { log } = engine;
      const strings = log.strings;
      const state = createHeapState();
      const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
      const namespaces = new Set<number>(); // module dicts: the dict each module holds as its __dict__
      for (let i = 0; i < log.length; i++) {
        log.read(i, e);
        if (e.kind === EventKind.Incref && e.b === Holder.Field && strings[e.d] === '__dict__' && getObject(state, e.c)?.type === 'module') {
          namespaces.add(e.a);
        }
        applyEvent(state, e, strings);
        const m = e.kind === EventKind.Stdout ? /^rc (\w+) (\d+)\n?$/.exec(strings[e.a] ?? '') : null;
        if (!m) continue;
        // The object the name is bound to: a module dict's reference labelled with that name.
        const bound = [...namespaces]
          .flatMap((ns) => Object.entries(getObject(state, ns)?.refs ?? {}))
          .find(([, r]) => r.holder === Holder.Value && strings[r.slot] === m[1]);
        if (!bound) continue; // the label shows another name bound to the same object
        checked++;
        expect(getObject(state, Number(bound[0]))!.rc, `${m[0]} at event ${i}\n${p.source}`).toBe(Number(m[2]) - 1);
      }
    });
    expect(checked, 'no refcount print could be matched to its object').toBeGreaterThan(0);
  });

  it("reduces to the Engine's own heap: every tracked object alive with its refcount, size and generation", () => {
    let checked = 0;
    fc.assert(
      fc.property(programs, (p) => {
        // Stop on the last line, while the program's objects are still alive, and compare there.
        const engine = new Engine(p.source, { filename: 'gen.py', maxSteps: 5_000_000 });
        const last = p.source.trimEnd().split('\n').length;
        expect(engine.run({ line: last }), p.source).toBe('line');
        const state = reduceLog(engine.log);
        for (const o of engine.trackedObjects()) {
          const s = getObject(state, o.id);
          expect(s?.alive, `#${o.id} ${o.type}\n${p.source}`).toBe(true);
          expect([s!.rc, s!.size, s!.gen], `#${o.id} ${o.type}\n${p.source}`).toEqual([o.rc, o.size, o.gen]);
          checked++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(checked, 'no tracked object was compared').toBeGreaterThan(RUNS * 5);
  });
});
