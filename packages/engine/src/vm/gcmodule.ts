// The gc module: a thin wrapper over the collector (gc/collector.ts).
import { Collector, DEBUG_STATS, DEBUG_COLLECTABLE, DEBUG_UNCOLLECTABLE, DEBUG_SAVEALL, DEBUG_LEAK } from '../gc/collector.js';
import { PyObject, PyInt, PyList, PyModule, PyBuiltin } from '../runtime/object.js';
import { err } from '../runtime/errors.js';
import { dictSet } from '../runtime/dict.js';
import { truthy } from '../runtime/ops.js';
import { parseArgs } from '../runtime/types.js';
import { RuntimeGcHost } from './gchost.js';
import type { Process } from './process.js';

export function installGc(proc: Process): Collector<PyObject> {
  const rt = proc.rt;
  const host = new RuntimeGcHost(rt, proc);
  const gc = new Collector<PyObject>(host, rt.log);
  rt.gc = gc;
  proc.collector = { collect: (g) => gc.collect(g), collectNoFail: () => gc.collectNoFail() };
  proc.moduleMakers.set('gc', () => makeGcModule(proc, gc, host));
  return gc;
}

function makeGcModule(proc: Process, gc: Collector<PyObject>, host: RuntimeGcHost): PyModule {
  const rt = proc.rt;
  const m = proc.newModule('gc');
  const triple = (t: [number, number, number]): PyObject => rt.tuple(t.map((x) => rt.int(x)));
  proc.defFn(m, 'collect', (args, kw) => {
    const [g] = parseArgs(rt, 'collect', args, kw, ['generation'], 0);
    const gen = g === null ? 2 : Number((g as PyInt).value);
    if (gen < 0 || gen > 2) throw err(rt, 'ValueError', 'invalid generation');
    return rt.int(gc.collect(gen));
  });
  proc.defFn(m, 'get_count', () => triple(gc.getCount()));
  proc.defFn(m, 'get_threshold', () => triple(gc.getThreshold()));
  proc.defFn(m, 'set_threshold', (args) => {
    const v = args.map((a) => Number((a as PyInt).value));
    gc.setThreshold(v[0]!, v[1], v[2]);
    return rt.none();
  });
  proc.defFn(m, 'enable', () => {
    gc.enabled = true;
    return rt.none();
  });
  proc.defFn(m, 'disable', () => {
    gc.enabled = false;
    return rt.none();
  });
  proc.defFn(m, 'isenabled', () => rt.bool(gc.enabled));
  proc.defFn(m, 'get_stats', () => {
    const stats = gc.getStats();
    return rt.newList(stats.map((s) => {
      const d = rt.newDict();
      for (const [k, v] of [['collections', s.collections], ['collected', s.collected], ['uncollectable', s.uncollectable]] as const) {
        const ks = rt.intern(k);
        const vs = rt.int(v);
        dictSet(rt, d, ks, k, vs);
        rt.tempDecref(ks);
        rt.tempDecref(vs);
      }
      return d;
    }));
  });
  proc.defFn(m, 'is_tracked', (args) => {
    const o = args[0]!;
    // Builtin functions are heap objects CPython tracks; here they are static.
    return rt.bool(host.isGc(o) && (gc.isTracked(o) || (o.immortal && o instanceof PyBuiltin)));
  });
  proc.defFn(m, 'is_finalized', (args) => rt.bool(host.isGc(args[0]!) && gc.isFinalized(args[0]!)));
  proc.defFn(m, 'freeze', () => {
    gc.freeze();
    return rt.none();
  });
  proc.defFn(m, 'unfreeze', () => {
    gc.unfreeze();
    return rt.none();
  });
  proc.defFn(m, 'get_freeze_count', () => rt.int(gc.getFreezeCount()));
  proc.defFn(m, 'get_referrers', (args) => {
    // gc_referrers_for skips the call's own argument tuple (METH_VARARGS: it holds the objects).
    const argsT = rt.tpCurrent?.argsT ?? null;
    const out = gc.getReferrers(args, argsT !== null ? [argsT] : []);
    for (const o of out) rt.tempIncref(o);
    return rt.newList(out);
  });
  proc.defFn(m, 'get_referents', (args) => {
    const out = gc.getReferents(args);
    for (const o of out) rt.tempIncref(o);
    return rt.newList(out);
  });
  proc.defFn(m, 'get_objects', (args, kw) => {
    const [g] = parseArgs(rt, 'get_objects', args, kw, ['generation'], 0);
    const out = g === null || g === rt.None ? gc.getObjects() : gc.getObjects(Number((g as PyInt).value));
    for (const o of out) rt.tempIncref(o);
    return rt.newList(out);
  });
  proc.defFn(m, 'set_debug', (args) => {
    gc.debug = Number((args[0] as PyInt).value);
    return rt.none();
  });
  proc.defFn(m, 'get_debug', () => rt.int(gc.debug));
  const garbage = rt.newList([]);
  host.garbage = garbage as PyList;
  proc.setAttr(m, 'garbage', garbage);
  const callbacks = rt.newList([]);
  host.callbacks = callbacks as PyList;
  proc.setAttr(m, 'callbacks', callbacks);
  for (const [k, v] of [['DEBUG_STATS', DEBUG_STATS], ['DEBUG_COLLECTABLE', DEBUG_COLLECTABLE], ['DEBUG_UNCOLLECTABLE', DEBUG_UNCOLLECTABLE], ['DEBUG_SAVEALL', DEBUG_SAVEALL], ['DEBUG_LEAK', DEBUG_LEAK]] as const) {
    proc.setAttr(m, k, rt.int(v));
  }
  void truthy;
  return m;
}
