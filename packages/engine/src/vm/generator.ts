// Generators: a frame embedded in an object (3.11 `PyGenObject`), resumed by send/next/throw.
import { EventKind, Holder } from '../events/kinds.js';
import { PyGetSetDescr, PyObject, PyTuple, PyType, type PyBaseException, type PyCode } from '../runtime/object.js';
import { PyThrow, type Runtime } from '../runtime/runtime.js';
import { err } from '../runtime/errors.js';
import { call, isSubtype } from '../runtime/ops.js';
import type { Frame } from './frame.js';
import type { VM } from './interp.js';

export const GEN_CREATED = 0;
export const GEN_SUSPENDED = 1;
export const GEN_RUNNING = 2;
export const GEN_CLOSED = 3;

export class Generator extends PyObject {
  state = GEN_CREATED;
  name = '';
  qualname = '';
  /** The last `return` value, set when the frame returned (for StopIteration.value). */
  returned = false;
  /** gi_exc_state: the exception being handled inside the suspended generator (a reference), or null. */
  excState: PyObject | null = null;
  readonly nlocalsplus: number;
  readonly stacksize: number;
  /** gi_code: kept after the frame is gone, as CPython keeps it. */
  readonly pycode: PyCode;
  constructor(public frame: Frame | null) {
    super();
    this.nlocalsplus = frame!.code.localsplusnames.length;
    this.stacksize = frame!.code.stacksize;
    this.pycode = frame!.pycode;
  }

  /** gen.send(v): [exit, value]; value is the yielded value, or the return value when exit = Return. v is owned. */
  send(vm: VM, v: PyObject): [number, PyObject] {
    const rt = vm.rt;
    if (this.state === GEN_RUNNING) {
      rt.tempDecref(v);
      throw err(rt, 'ValueError', 'generator already executing');
    }
    if (this.state === GEN_CLOSED || this.frame === null) {
      rt.tempDecref(v);
      return [0, rt.none()];
    }
    if (this.state === GEN_CREATED && v !== rt.None) {
      rt.tempDecref(v);
      throw err(rt, 'TypeError', "can't send non-None value to a just-started generator");
    }
    rt.tempIncref(this);
    try {
      return vm.resumeGen(this, v, null);
    } finally {
      rt.tempDecref(this);
    }
  }

  throwInto(vm: VM, t: PyThrow): [number, PyObject] {
    const rt = vm.rt;
    if (this.state === GEN_CLOSED || this.frame === null) throw t;
    rt.tempIncref(this);
    try {
      return vm.resumeGen(this, null, t);
    } finally {
      rt.tempDecref(this);
    }
  }

  /** Called when the frame has been cleared. */
  frameGone(_rt: Runtime): void {
    this.frame = null;
  }
}

export function installGenerators(rt: Runtime, vm: VM): void {
  const T = rt.t;
  const G = T.generator!;
  rt.isGenerator = (o) => o instanceof Generator;
  rt.genSuspended = (o) => o instanceof Generator && o.frame !== null && o.state === GEN_SUSPENDED;
  rt.genSize = (o) => (o instanceof Generator ? 168 + 8 * (o.nlocalsplus + o.stacksize) : 0);
  rt.genNext = (g) => {
    const gen = g as Generator;
    const [exit, v] = gen.send(vm, rt.none());
    if (exit === 0) {
      rt.tempDecref(v);
      return null;
    }
    return v;
  };
  const stopIteration = (v: PyObject): PyThrow => {
    if (v === rt.None) {
      rt.tempDecref(v);
      return err(rt, 'StopIteration');
    }
    const t = err(rt, 'StopIteration');
    const e = t.exc;
    // StopIteration(value): args = (value,)
    const oldArgs = e.args;
    e.args = rt.tuple([rt.tempIncref(v)]);
    rt.give(e.args, Holder.Field, e.id, rt.str('args'));
    rt.decref(oldArgs, Holder.Field, e.id, rt.str('args'));
    rt.setExcExtra(e, 'value', v);
    return t;
  };
  const method = (name: string, fn: (g: Generator, args: PyObject[]) => PyObject): void => {
    const d = rt.newMethodDescr(G, name, (args, _kw, self) => fn(self as Generator, args));
    G.dict.set(name, d);
  };
  method('send', (g, args) => {
    const [exit, v] = g.send(vm, rt.tempIncref(args[0]!));
    if (exit === 0) throw stopIteration(v);
    return v;
  });
  method('__next__', (g) => {
    const [exit, v] = g.send(vm, rt.none());
    if (exit === 0) throw stopIteration(v);
    return v;
  });
  method('__iter__', (g) => rt.tempIncref(g));
  method('throw', (g, args) => {
    let e = args[0]!;
    const val = args[1];
    let t: PyThrow;
    if (e instanceof PyType && val !== undefined && val !== rt.None) {
      // throw(type, value): PyErr_NormalizeException keeps a value that is already an instance
      // of the type, and otherwise calls the type with it (a tuple's items as the arguments).
      if (isSubtype(val.type, e)) t = new PyThrow(rt.tempIncref(val) as PyBaseException);
      else t = new PyThrow(call(rt, e, val instanceof PyTuple ? val.items : [val]) as PyBaseException);
    } else if (e instanceof PyObject && (e as PyBaseException).args !== undefined) t = new PyThrow(rt.tempIncref(e) as PyBaseException);
    else {
      t = vm.makeRaise(rt.tempIncref(e), null);
      e = t.exc;
    }
    const [exit, v] = g.throwInto(vm, t);
    if (exit === 0) throw stopIteration(v);
    return v;
  });
  method('close', (g) => {
    genClose(rt, vm, g);
    return rt.none();
  });
  // The read-only state getters of genobject.c (gi_frame is not modelled: frames are not objects here).
  const getter = (name: string, get: (g: Generator) => PyObject): void => {
    G.dict.set(name, rt.immortal(new PyGetSetDescr(name, G, (o) => get(o as Generator), null), rt.t.getset_descriptor!));
  };
  getter('gi_running', (g) => rt.bool(g.state === GEN_RUNNING));
  getter('gi_suspended', (g) => rt.bool(g.state === GEN_SUSPENDED));
  getter('gi_code', (g) => rt.tempIncref(g.pycode));
  rt.clearGenerator = (o) => {
    if (!(o instanceof Generator)) return;
    if (o.frame !== null) {
      if (o.state === GEN_SUSPENDED) {
        // _PyGen_Finalize: close a suspended generator (runs its finally blocks).
        try {
          genClose(rt, vm, o);
        } catch (e) {
          if (!(e instanceof PyThrow)) throw e;
          rt.writeUnraisable(e, o);
        }
      }
      if (o.frame !== null) {
        const f = o.frame;
        o.frame = null;
        rt.log.push(EventKind.FrameEnter, f.id, rt.str(f.code.name), f.code.firstlineno);
        vm.clearFrame(f);
      }
    }
  };
}

export function genClose(rt: Runtime, vm: VM, g: Generator): void {
  if (g.frame === null || g.state === GEN_CLOSED) return;
  if (g.state === GEN_CREATED) {
    const f = g.frame;
    g.frame = null;
    g.state = GEN_CLOSED;
    rt.log.push(EventKind.FrameEnter, f.id, rt.str(f.code.name), f.code.firstlineno);
    vm.clearFrame(f);
    return;
  }
  const t = err(rt, 'GeneratorExit');
  try {
    const [exit, v] = g.throwInto(vm, t);
    rt.tempDecref(v);
    if (exit !== 0) throw err(rt, 'RuntimeError', 'generator ignored GeneratorExit');
  } catch (e) {
    if (e instanceof PyThrow && (isSubtype(e.exc.type, rt.t.GeneratorExit!) || isSubtype(e.exc.type, rt.t.StopIteration!))) {
      rt.tempDecref(e.exc);
      return;
    }
    throw e;
  }
}
