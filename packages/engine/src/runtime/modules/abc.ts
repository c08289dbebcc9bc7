// abc: ABCMeta, ABC and the abstract decorators, in Python (Lib/abc.py's _py_abc flavour), over a
// small native _abc. CPython refuses to instantiate an abstract class in object.__new__ (the
// type's Py_TPFLAGS_IS_ABSTRACT, set when __abstractmethods__ is non-empty); here ABCMeta marks
// the class through _abc._set_abstract and the runtime's instance constructor checks the mark,
// so the TypeError comes from the same place, with no extra traceback entry.
import { PyStr, PyType, type PyModule } from '../object.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err } from '../errors.js';
import { getattrOpt, toArray, truthy } from '../ops.js';

export function makeAbcNative(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('_abc');
  const abstract = new WeakSet<PyType>();
  const newInstance = rt.newInstance;
  rt.newInstance = (cls) => {
    if (abstract.has(cls)) {
      const names: string[] = [];
      const am = getattrOpt(rt, cls, '__abstractmethods__');
      if (am !== null) {
        for (const x of toArray(rt, am)) {
          names.push(x instanceof PyStr ? x.value : '?');
          rt.tempDecref(x);
        }
        rt.tempDecref(am);
      }
      names.sort();
      const s = names.length > 1 ? 's' : '';
      throw err(rt, 'TypeError', `Can't instantiate abstract class ${cls.name} with abstract method${s} ${names.join(', ')}`);
    }
    return newInstance(cls);
  };
  proc.defFn(m, '_set_abstract', (args) => {
    const cls = args[0];
    if (!(cls instanceof PyType)) throw err(rt, 'TypeError', '_set_abstract() argument must be a type');
    if (truthy(rt, args[1]!)) abstract.add(cls);
    else abstract.delete(cls);
    return rt.none();
  });
  let token = 0;
  proc.defFn(m, 'get_cache_token', () => rt.int(token));
  proc.defFn(m, '_bump_token', () => rt.int(++token));
  return m;
}

export const ABC_SOURCE = String.raw`
import _abc
from _abc import get_cache_token


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


class abstractclassmethod(classmethod):
    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractstaticmethod(staticmethod):
    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractproperty(property):
    __isabstractmethod__ = True


def _isabstract(value):
    if isinstance(value, property):
        return (_isabstract(getattr(value, 'fget', None)) or _isabstract(getattr(value, 'fset', None))
                or _isabstract(getattr(value, 'fdel', None)))
    if isinstance(value, (classmethod, staticmethod)):
        if getattr(type(value), '__isabstractmethod__', False):
            return True
        return _isabstract(getattr(value, '__func__', None))
    return getattr(value, "__isabstractmethod__", False) is True


def _compute_abstracts(cls, namespace, bases):
    abstracts = {name for name, value in namespace.items() if _isabstract(value)}
    for base in bases:
        for name in getattr(base, "__abstractmethods__", ()):
            value = getattr(cls, name, None)
            if _isabstract(value):
                abstracts.add(name)
    return frozenset(abstracts)


class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = _compute_abstracts(cls, namespace, bases)
        cls.__abstractmethods__ = abstracts
        _abc._set_abstract(cls, abstracts)
        cls._abc_registry = []
        return cls

    def register(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        _abc._bump_token()
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        hook = getattr(cls, '__subclasshook__', None)
        if hook is not None:
            ok = hook(subclass)
            if ok is not NotImplemented:
                return bool(ok)
        if cls in subclass.__mro__:
            return True
        for rcls in cls._abc_registry:
            if issubclass(subclass, rcls):
                return True
        for scls in type.__subclasses__(cls):
            if issubclass(subclass, scls):
                return True
        return False

    def _dump_registry(cls, file=None):
        print(f"Class: {cls.__module__}.{cls.__qualname__}", file=file)


def update_abstractmethods(cls):
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    abstracts = set()
    for scls in cls.__bases__:
        for name in getattr(scls, '__abstractmethods__', ()):
            value = getattr(cls, name, None)
            if _isabstract(value):
                abstracts.add(name)
    for name, value in cls.__dict__.items():
        if _isabstract(value):
            abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    _abc._set_abstract(cls, abstracts)
    return cls


class ABC(metaclass=ABCMeta):
    __slots__ = ()
`;
