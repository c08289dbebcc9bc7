// What Lib/*.py modules need from function and method objects: method(func, obj) (types.MethodType)
// and function.__get__ (binding by hand, as WeakMethod.__call__ and functools do).
import type { NativeFn, PyObject } from '../object.js';
import type { Runtime } from '../runtime.js';
import { err } from '../errors.js';
import { callable } from './util.js';

export function installCallables(rt: Runtime): void {
  const T = rt.t;
  const methodNew: NativeFn = (args) => {
    // args[0] is the type.
    if (args.length !== 3) throw err(rt, 'TypeError', `method expected 2 arguments, got ${args.length - 1}`);
    const [, func, self] = args as [PyObject, PyObject, PyObject];
    if (!callable(rt, func)) throw err(rt, 'TypeError', 'first argument must be callable');
    if (self === rt.None) throw err(rt, 'TypeError', 'instance must not be None');
    return rt.newMethod(func, self);
  };
  T.method!.dict.set('__new__', rt.immortal(new rt.BuiltinCtor('__new__', methodNew), T.builtin_function_or_method!));
  T.function!.dict.set('__get__', rt.newMethodDescr(T.function!, '__get__', (args, _kw, self) => {
    const obj = args[0] ?? rt.None;
    if (obj === rt.None) return rt.tempIncref(self!);
    return rt.newMethod(self!, obj);
  }));
}
