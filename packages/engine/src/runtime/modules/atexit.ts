// atexit: register/unregister. Callbacks run at exit, last registered first, before module
// teardown (Py_FinalizeEx calls _PyAtExit_Call before finalize_modules): each registration is
// also queued on the process's exit list, which Process.shutdown drains newest first.
import type { PyObject } from '../object.js';
import type { Process } from '../../vm/process.js';
import { Holder } from '../../events/kinds.js';
import { call, equal } from '../ops.js';
import { err } from '../errors.js';
import { PyThrow } from '../runtime.js';

interface Callback {
  fn: PyObject;
  args: PyObject[];
  done: boolean;
}

export function installAtexit(proc: Process): { run(): void } {
  const rt = proc.rt;
  const callbacks: Callback[] = [];
  const exitList = (proc as unknown as { atexit?: (() => void)[] }).atexit ?? null;
  let owner = -1;
  const release = (c: Callback): void => {
    c.done = true;
    rt.decref(c.fn, Holder.Field, owner, -1);
    for (const a of c.args) rt.decref(a, Holder.Field, owner, -1);
  };
  const runOne = (c: Callback): void => {
    if (c.done) return;
    const i = callbacks.indexOf(c);
    if (i >= 0) callbacks.splice(i, 1);
    try {
      rt.tempDecref(call(rt, c.fn, c.args));
    } catch (e) {
      if (!(e instanceof PyThrow)) throw e;
      proc.unraisable(e, c.fn, 'Exception ignored in atexit callback: ');
    }
    release(c);
  };
  proc.moduleMakers.set('atexit', () => {
    const m = proc.newModule('atexit');
    owner = m.id;
    proc.defFn(m, 'register', (args) => {
      if (args.length === 0) throw err(rt, 'TypeError', 'register() takes at least 1 argument (0 given)');
      for (const a of args) rt.incref(a, Holder.Field, owner, -1);
      const c: Callback = { fn: args[0]!, args: args.slice(1), done: false };
      callbacks.push(c);
      exitList?.push(() => runOne(c));
      return rt.tempIncref(args[0]!);
    });
    proc.defFn(m, 'unregister', (args) => {
      for (let i = callbacks.length - 1; i >= 0; i--) {
        const c = callbacks[i]!;
        if (c.fn === args[0] || equal(rt, c.fn, args[0]!)) {
          callbacks.splice(i, 1);
          release(c);
        }
      }
      return rt.none();
    });
    proc.defFn(m, '_ncallbacks', () => rt.int(callbacks.length));
    return m;
  });
  return {
    run(): void {
      while (callbacks.length > 0) runOne(callbacks[callbacks.length - 1]!);
    },
  };
}
