// Weak references: weakref.ref (ReferenceType) and proxies, and the weakref module's core.
// A referent's `weakrefs` array is CPython's list order: the basic ref and proxy (no callback)
// first, then refs with callbacks newest first (weakref___new__ insert_head/insert_after).
import { Holder } from '../events/kinds.js';
import { PyObject, PyType, PyWeakref, PyModule, PyTuple, PyInstance, type NativeFn } from './object.js';
import type { Runtime } from './runtime.js';
import { err } from './errors.js';
import { call, getattr, hashKey, pyHash, repr, setattr, typeName, isSubtype } from './ops.js';

export interface WeakrefHost {
  newModule(name: string): PyModule;
  defFn(m: PyModule, name: string, fn: NativeFn): void;
  setAttr(m: PyModule, name: string, v: PyObject, steal?: boolean): void;
  moduleMakers: Map<string, () => PyModule>;
}

export function installWeakref(rt: Runtime, host: WeakrefHost): void {
  const T = rt.t;
  const ref = rt.staticType('ReferenceType');
  ref.module = 'weakref';
  ref.kind = 'weakref';
  ref.gcInstances = true;
  const proxyT = rt.staticType('ProxyType');
  proxyT.module = 'weakref';
  proxyT.kind = 'weakref';
  proxyT.gcInstances = true;
  const cproxyT = rt.staticType('CallableProxyType');
  cproxyT.module = 'weakref';
  cproxyT.kind = 'weakref';
  cproxyT.gcInstances = true;
  for (const t of [ref, proxyT, cproxyT]) t.type = T.type!;

  const supportsWeakrefs = (o: PyObject): boolean => {
    if (o instanceof PyInstance) return o.type.hasWeakref || o.type.kind === 'exception';
    return o.type.hasWeakref || o.type === T.function || o.type === T.type || o instanceof PyType || o.type === T.set || o.type === T.frozenset || o.type === T.generator || o.type === T.method || o.type === T.ReferenceType;
  };

  /** Creates (or reuses) a weak reference to `obj` of type `cls`. */
  const newRef = (cls: PyType, obj: PyObject, callback: PyObject | null, proxy: boolean): PyWeakref => {
    if (!supportsWeakrefs(obj)) throw err(rt, 'TypeError', `cannot create weak reference to '${typeName(obj)}' object`);
    const list = obj.weakrefs ?? [];
    const basicRef = list.find((w) => !w.proxy && w.callback === null && w.type === ref) ?? null;
    const basicProxy = list.find((w) => w.proxy && w.callback === null) ?? null;
    if (callback === null && !proxy && cls === ref && basicRef !== null) return rt.tempIncref(basicRef) as PyWeakref;
    if (callback === null && proxy && basicProxy !== null) return rt.tempIncref(basicProxy) as PyWeakref;
    const w = new PyWeakref(obj, callback);
    w.proxy = proxy;
    rt.alloc(w, cls, 80, true);
    if (callback !== null) rt.incref(callback, Holder.Field, w.id, rt.str('__callback__'));
    obj.weakrefs = list;
    if (callback === null && !proxy && cls === ref) list.unshift(w);
    else if (callback === null && proxy) {
      // proxies go after the basic ref
      const at = basicRef !== null ? list.indexOf(basicRef) + 1 : 0;
      list.splice(at, 0, w);
    } else {
      const prev = basicProxy ?? basicRef;
      const at = prev === null ? 0 : list.indexOf(prev) + 1;
      list.splice(at, 0, w);
    }
    rt.track(w);
    return w;
  };
  rt.newWeakref = (obj, cb, fresh = false) => (fresh ? newFresh(obj) : newRef(ref, obj, cb, false));
  const newFresh = (obj: PyObject): PyWeakref => {
    const w = new PyWeakref(obj, null);
    rt.alloc(w, ref, 80, true);
    const list = (obj.weakrefs ??= []);
    list.push(w);
    rt.track(w);
    return w;
  };

  ref.dict.set('__new__', rt.immortal(new (rt.BuiltinCtor)('__new__', ((args: PyObject[]) => {
    const cls = args[0] as PyType;
    if (args.length < 2) throw err(rt, 'TypeError', `__new__ expected at least 1 argument, got 0`);
    const cb = args.length > 2 && args[2] !== rt.None ? args[2]! : null;
    return newRef(cls, args[1]!, cb, false);
  }) as NativeFn), T.builtin_function_or_method!));
  ref.dict.set('__init__', rt.newMethodDescr(ref, '__init__', () => rt.none()));
  ref.dict.set('__call__', rt.newMethodDescr(ref, '__call__', (_a, _k, self) => rt.tempIncref((self as PyWeakref).referent ?? rt.None)));
  ref.dict.set('__hash__', rt.newMethodDescr(ref, '__hash__', (_a, _k, self) => {
    const w = self as PyWeakref;
    if (w.hash === null) {
      if (w.referent === null) throw err(rt, 'TypeError', 'weak object has gone away');
      w.hash = pyHash(rt, w.referent);
    }
    return rt.int(w.hash);
  }));
  ref.hasDict = false;

  // Proxies forward attribute access, calls and common operators to the referent.
  const referent = (p: PyObject): PyObject => {
    const r = (p as PyWeakref).referent;
    if (r === null) throw err(rt, 'ReferenceError', 'weakly-referenced object no longer exists');
    return r;
  };
  for (const pt of [proxyT, cproxyT]) {
    pt.dict.set('__getattribute__', rt.newMethodDescr(pt, '__getattribute__', (args, _k, self) => getattr(rt, referent(self!), (args[0] as unknown as { value: string }).value)));
    pt.dict.set('__repr__', rt.newMethodDescr(pt, '__repr__', (_a, _k, self) => rt.newStr(repr(rt, self!))));
  }
  cproxyT.dict.set('__call__', rt.newMethodDescr(cproxyT, '__call__', (args, kw, self) => call(rt, referent(self!), args, kw)));
  rt.proxyReferent = (o) => (o instanceof PyWeakref && o.proxy ? referent(o) : null);

  host.moduleMakers.set('weakref', () => {
    const m = host.newModule('weakref');
    host.setAttr(m, 'ref', ref, false);
    host.setAttr(m, 'ReferenceType', ref, false);
    host.setAttr(m, 'ProxyType', proxyT, false);
    host.setAttr(m, 'CallableProxyType', cproxyT, false);
    host.defFn(m, 'proxy', (args) => {
      const obj = args[0]!;
      const cb = args.length > 1 && args[1] !== rt.None ? args[1]! : null;
      const callable = obj.type.dict.has('__call__') || obj.type.mro.some((t) => t.dict.has('__call__') && t !== T.object);
      return newRef(callable ? cproxyT : proxyT, obj, cb, true);
    });
    host.defFn(m, 'getweakrefcount', (args) => rt.int(args[0]!.weakrefs?.length ?? 0));
    host.defFn(m, 'getweakrefs', (args) => {
      const refs = (args[0]!.weakrefs ?? []).slice();
      for (const r of refs) rt.tempIncref(r);
      return rt.newList(refs);
    });
    rt.extendWeakrefModule?.(m);
    return m;
  });
  void repr;
  void setattr;
  void hashKey;
  void isSubtype;
  void PyTuple;
}
