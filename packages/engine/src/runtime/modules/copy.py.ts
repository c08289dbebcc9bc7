// copy, written in Python as CPython's Lib/copy.py is: shallow and deep copies through per-type
// copiers, __copy__/__deepcopy__, and the reduce protocol (__reduce_ex__(4), then a
// reconstruction from cls.__new__ plus state). Our object.__reduce_ex__ has no copyreg behind it,
// so the default reduction of an instance (copyreg.__newobj__, its __dict__ and its slots) is
// done here, the way typeobject.c's reduce_newobj and object_getstate_default build it.
export const COPY_SOURCE = String.raw`
class Error(Exception):
    pass
error = Error


def _ident(x, memo=None):
    return x


def _func(): pass
_atomic_types = (type(None), int, float, bool, complex, bytes, str, type, range,
                 type(len), type(...), type(NotImplemented), type(_func), property,
                 type(_func.__code__))
_mutable_copiers = {list: list.copy, dict: dict.copy, set: set.copy, bytearray: bytearray.copy}
_shallow_atomic = _atomic_types + (tuple, frozenset, slice)
del _func

_object_reduce_ex = getattr(object, '__reduce_ex__', None)
_object_reduce = getattr(object, '__reduce__', None)
_object_getstate = getattr(object, '__getstate__', None)


def __newobj__(cls, *args):
    return cls.__new__(cls, *args)


def _weakref_type():
    import weakref
    return weakref.ref


def _slotnames(cls):
    names = []
    for c in cls.__mro__:
        slots = c.__dict__.get('__slots__')
        if slots is None:
            continue
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if name.startswith('__') and not name.endswith('__'):
                stripped = c.__name__.lstrip('_')
                if stripped:
                    name = '_%s%s' % (stripped, name)
            names.append(name)
    return names


def _getstate(x, cls):
    getstate = getattr(cls, '__getstate__', None)
    if getstate is not None and getstate is not _object_getstate:
        return x.__getstate__()
    state = None
    try:
        d = x.__dict__
    except AttributeError:
        d = None
    if d:
        state = d
    names = _slotnames(cls)
    if names:
        slots = {}
        for name in names:
            try:
                value = getattr(x, name)
            except AttributeError:
                continue
            slots[name] = value
        if slots:
            state = (state, slots)
    return state


def _reduce(x, cls):
    reductor = getattr(cls, '__reduce_ex__', None)
    if reductor is not None and reductor is not _object_reduce_ex:
        return x.__reduce_ex__(4)
    reductor = getattr(cls, '__reduce__', None)
    if reductor is not None and reductor is not _object_reduce:
        return x.__reduce__()
    if isinstance(x, (set, frozenset)):
        return (cls, (list(x),), getattr(x, '__dict__', None))
    if cls.__module__ == 'builtins' and cls not in (object, list, dict):
        if cls is _weakref_type():
            return None
        raise TypeError("cannot pickle '%s' object" % cls.__name__)
    getnewargs = getattr(cls, '__getnewargs__', None)
    args = (cls,) + (x.__getnewargs__() if getnewargs is not None else ())
    listitems = iter(x) if isinstance(x, list) else None
    dictitems = iter(x.items()) if isinstance(x, dict) else None
    return (__newobj__, args, _getstate(x, cls), listitems, dictitems)


def copy(x):
    cls = type(x)
    if cls in _shallow_atomic:
        return x
    copier = _mutable_copiers.get(cls)
    if copier is not None:
        return copier(x)
    if issubclass(cls, type):
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x, cls)
    if rv is None:
        return x
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic_types:
        y = x
    elif cls is list:
        y = _deepcopy_list(x, memo)
    elif cls is dict:
        y = _deepcopy_dict(x, memo)
    elif cls is tuple:
        y = _deepcopy_tuple(x, memo)
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x, cls)
            if rv is None:
                y = x
            elif isinstance(rv, str):
                y = x
            else:
                y = _reconstruct(x, memo, *rv)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _deepcopy_list(x, memo, deepcopy=deepcopy):
    y = []
    memo[id(x)] = y
    append = y.append
    for a in x:
        append(deepcopy(a, memo))
    return y


def _deepcopy_tuple(x, memo, deepcopy=deepcopy):
    y = [deepcopy(a, memo) for a in x]
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for k, j in zip(x, y):
        if k is not j:
            y = tuple(y)
            break
    else:
        y = x
    return y


def _deepcopy_dict(x, memo, deepcopy=deepcopy):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args,
                 state=None, listiter=None, dictiter=None,
                 *, deepcopy=deepcopy):
    deep = memo is not None
    if deep and args:
        args = [deepcopy(arg, memo) for arg in args]
    y = func(*args)
    if deep:
        memo[id(x)] = y

    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)

    if listiter is not None:
        if deep:
            for item in listiter:
                item = deepcopy(item, memo)
                y.append(item)
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
                y[key] = value
        else:
            for key, value in dictiter:
                y[key] = value
    return y


__all__ = ["Error", "copy", "deepcopy"]
`;
