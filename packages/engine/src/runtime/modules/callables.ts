// What Lib/*.py modules need from function and method objects: method(func, obj) (types.MethodType)
// and function.__get__ (binding by hand, as WeakMethod.__call__ and functools do).
import { Holder } from '../../events/kinds.js';
import { PyFunction, PyGetSetDescr, PyStr, PyType, type NativeFn, type PyObject } from '../object.js';
import { callTypeDirect, equal, genericSetattr, getattr, isCallable } from '../ops.js';
import type { Runtime } from '../runtime.js';
import { err } from '../errors.js';

export function installCallables(rt: Runtime): void {
  const T = rt.t;
  const methodNew: NativeFn = (args) => {
    // args[0] is the type.
    if (args.length !== 3) throw err(rt, 'TypeError', `method expected 2 arguments, got ${args.length - 1}`);
    const [, func, self] = args as [PyObject, PyObject, PyObject];
    if (!isCallable(func)) throw err(rt, 'TypeError', 'first argument must be callable');
    if (self === rt.None) throw err(rt, 'TypeError', 'instance must not be None');
    return rt.newMethod(func, self);
  };
  T.method!.dict.set('__new__', rt.immortal(new rt.BuiltinCtor('__new__', methodNew), T.builtin_function_or_method!));
  // type.__call__ (type_call), what a metaclass's __call__ reaches with super().__call__(...).
  T.type!.dict.set('__call__', rt.newMethodDescr(T.type!, '__call__', (args, kw, self) => {
    if (!(self instanceof PyType)) throw err(rt, 'TypeError', "descriptor '__call__' requires a 'type' object");
    return callTypeDirect(rt, self, args, kw);
  }));
  T.function!.dict.set('__get__', rt.newMethodDescr(T.function!, '__get__', (args, _kw, self) => {
    const obj = args[0] ?? rt.None;
    if (obj === rt.None) return rt.tempIncref(self!);
    return rt.newMethod(self!, obj);
  }));

  // Writable function attributes (func_getsetlist/func_memberlist), so update_wrapper can copy
  // __name__, __qualname__ and __doc__ onto a wrapper. Reads go through the runtime's own getattr.
  const F = T.function!;
  const field = (name: string, set: (f: PyFunction, v: PyObject | null) => void): void => {
    F.dict.set(name, rt.immortal(new PyGetSetDescr(name, F, (o) => getattr(rt, o, name), (o, v) => set(o as PyFunction, v)), T.getset_descriptor!));
  };
  const swap = (f: PyFunction, name: string, old: PyObject | null, v: PyObject | null): void => {
    if (v !== null) rt.incref(v, Holder.Field, f.id, rt.str(name));
    if (old !== null) rt.decref(old, Holder.Field, f.id, rt.str(name));
  };
  const strField = (name: '__name__' | '__qualname__', key: 'name' | 'qualname'): void => {
    field(name, (f, v) => {
      if (!(v instanceof PyStr)) throw err(rt, 'TypeError', `${name} must be set to a string object`);
      const old = f[key];
      f[key] = v;
      swap(f, name, old, v);
    });
  };
  strField('__name__', 'name');
  strField('__qualname__', 'qualname');
  // __module__ is read from the globals here; a wrapper in the same module already has the value.
  F.dict.set('__module__', rt.immortal(new PyGetSetDescr('__module__', F, (o) => getattr(rt, o, '__module__'), (o, v) => {
    const cur = getattr(rt, o, '__module__');
    rt.tempDecref(cur);
    if (v !== null && (v === cur || equal(rt, v, cur))) return;
    genericSetattr(rt, o, '__module__', v);
  }), T.getset_descriptor!));
  field('__doc__', (f, v) => {
    const old = f.doc;
    f.doc = v === null || v === rt.None ? null : v;
    swap(f, '__doc__', old, f.doc);
  });
}
