// typing, the part programs touch at run time: subscripted aliases (List[int], Optional[str],
// Dict[str, int], Callable[[int], str], Union, Literal, ...) that evaluate and print as
// typing's do, TypeVar, Generic (class Stack(Generic[T])), Protocol, NamedTuple and TypedDict
// in class syntax, cast, overload, final, get_type_hints, TYPE_CHECKING. Aliases of the builtin
// containers are callable and build the container, as typing's do.
export const TYPING_SOURCE = String.raw`
import collections
__all__ = ['Any', 'Callable', 'ClassVar', 'Dict', 'Final', 'FrozenSet', 'Generic', 'Iterable',
           'Iterator', 'List', 'Literal', 'Mapping', 'NamedTuple', 'Optional', 'Protocol',
           'Sequence', 'Set', 'Tuple', 'Type', 'TypeVar', 'TypedDict', 'Union', 'cast',
           'overload', 'TYPE_CHECKING', 'get_type_hints', 'NoReturn', 'Deque', 'DefaultDict']

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if obj is None or obj is type(None):
        return 'None'
    if isinstance(obj, (list, tuple)):
        return '[' + ', '.join(_type_repr(t) for t in obj) + ']'
    if isinstance(obj, str):
        return repr(obj)
    return repr(obj)


class _Final:
    __slots__ = ()


class _SpecialForm(_Final):
    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, params)

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class _GenericAlias(_Final):
    def __init__(self, origin, args, name=None, inst=True):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self._name = name
        self._inst = inst

    def __repr__(self):
        name = 'typing.' + self._name if self._name else _type_repr(self.__origin__)
        if self.__args__ == ((),):
            return f'{name}[()]'
        return f"{name}[{', '.join(_type_repr(a) for a in self.__args__)}]"

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f"Type {self._name} cannot be instantiated; use {self.__origin__.__name__}() instead")
        return self.__origin__(*args, **kwargs)

    def __getitem__(self, params):
        return _GenericAlias(self.__origin__, params, self._name)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")


class _SpecialGenericAlias(_Final):
    def __init__(self, origin, nparams, name, inst=True):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name
        self._inst = inst

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(self.__origin__, params, self._name, self._inst)

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f"Type {self._name} cannot be instantiated; use {self.__origin__.__name__}() instead")
        return self.__origin__(*args, **kwargs)

    def __or__(self, other):
        return Union[self, other]

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _UnionGenericAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2:
            if args[0] is type(None):
                return f'typing.Optional[{_type_repr(args[1])}]'
            if args[1] is type(None):
                return f'typing.Optional[{_type_repr(args[0])}]'
        return 'typing.Union[' + ', '.join(_type_repr(a) for a in args) + ']'

    def __eq__(self, other):
        if not isinstance(other, _UnionGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


def _union(self, params):
    if not isinstance(params, tuple):
        params = (params,)
    flat = []
    for p in params:
        p = type(None) if p is None else p
        if isinstance(p, _UnionGenericAlias):
            items = p.__args__
        else:
            items = (p,)
        for q in items:
            if q not in flat:
                flat.append(q)
    if len(flat) == 1:
        return flat[0]
    return _UnionGenericAlias(Union, tuple(flat), 'Union')


def _optional(self, param):
    return Union[param, None]


class _LiteralAlias(_GenericAlias):
    def __repr__(self):
        return 'typing.Literal[' + ', '.join(repr(a) for a in self.__args__) + ']'


def _literal(self, params):
    return _LiteralAlias(Literal, params if isinstance(params, tuple) else (params,), 'Literal')


def _wrap_one(self, param):
    return _GenericAlias(self, (param,), self._name)


class _CallableAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and args[0] is ...:
            return f'typing.Callable[..., {_type_repr(args[1])}]'
        return f'typing.Callable[[{", ".join(_type_repr(a) for a in args[:-1])}], {_type_repr(args[-1])}]'


class _CallableSpecial(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as Callable[[arg, ...], result].")
        args, result = params
        if args is ...:
            return _CallableAlias(self.__origin__, (..., result), 'Callable')
        return _CallableAlias(self.__origin__, tuple(args) + (result,), 'Callable')


class _TupleSpecial(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(tuple, params, 'Tuple')


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
ClassVar = _SpecialForm('ClassVar', _wrap_one)
Final = _SpecialForm('Final', _wrap_one)
Union = _SpecialForm('Union', _union)
Optional = _SpecialForm('Optional', _optional)
Literal = _SpecialForm('Literal', _literal)
TypeAlias = _SpecialForm('TypeAlias')
Annotated = _SpecialForm('Annotated', lambda self, params: params[0] if isinstance(params, tuple) else params)

List = _SpecialGenericAlias(list, 1, 'List')
Dict = _SpecialGenericAlias(dict, 2, 'Dict')
Set = _SpecialGenericAlias(set, 1, 'Set')
FrozenSet = _SpecialGenericAlias(frozenset, 1, 'FrozenSet')
Tuple = _TupleSpecial(tuple, -1, 'Tuple')
Type = _SpecialGenericAlias(type, 1, 'Type')
Deque = _SpecialGenericAlias(collections.deque, 1, 'Deque')
DefaultDict = _SpecialGenericAlias(collections.defaultdict, 2, 'DefaultDict')
OrderedDict = _SpecialGenericAlias(collections.OrderedDict, 2, 'OrderedDict')
Counter = _SpecialGenericAlias(collections.Counter, 1, 'Counter')
ChainMap = _SpecialGenericAlias(dict, 2, 'ChainMap')
Callable = _CallableSpecial(object, 2, 'Callable', inst=False)
Iterable = _SpecialGenericAlias(object, 1, 'Iterable', inst=False)
Iterator = _SpecialGenericAlias(object, 1, 'Iterator', inst=False)
Generator = _SpecialGenericAlias(object, 3, 'Generator', inst=False)
Sequence = _SpecialGenericAlias(object, 1, 'Sequence', inst=False)
MutableSequence = _SpecialGenericAlias(object, 1, 'MutableSequence', inst=False)
Mapping = _SpecialGenericAlias(object, 2, 'Mapping', inst=False)
MutableMapping = _SpecialGenericAlias(object, 2, 'MutableMapping', inst=False)
AbstractSet = _SpecialGenericAlias(object, 1, 'AbstractSet', inst=False)
MutableSet = _SpecialGenericAlias(object, 1, 'MutableSet', inst=False)
Collection = _SpecialGenericAlias(object, 1, 'Collection', inst=False)
Container = _SpecialGenericAlias(object, 1, 'Container', inst=False)
Hashable = _SpecialGenericAlias(object, 0, 'Hashable', inst=False)
Sized = _SpecialGenericAlias(object, 0, 'Sized', inst=False)
Reversible = _SpecialGenericAlias(object, 1, 'Reversible', inst=False)
KeysView = _SpecialGenericAlias(object, 1, 'KeysView', inst=False)
ItemsView = _SpecialGenericAlias(object, 2, 'ItemsView', inst=False)
ValuesView = _SpecialGenericAlias(object, 1, 'ValuesView', inst=False)
Awaitable = _SpecialGenericAlias(object, 1, 'Awaitable', inst=False)
Coroutine = _SpecialGenericAlias(object, 3, 'Coroutine', inst=False)
AsyncIterator = _SpecialGenericAlias(object, 1, 'AsyncIterator', inst=False)
AsyncIterable = _SpecialGenericAlias(object, 1, 'AsyncIterable', inst=False)
Text = str
AnyStr = None


class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]


AnyStr = TypeVar('AnyStr', bytes, str)


class ParamSpec(TypeVar):
    pass


class Generic:
    def __class_getitem__(cls, params):
        if cls is Generic or cls is Protocol:
            return cls
        return _GenericAlias(cls, params)


class Protocol(Generic):
    pass


def runtime_checkable(cls):
    return cls


def cast(typ, val):
    return val


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. "
            "A series of @typing.overload-decorated functions "
            "outside a stub module should always be followed "
            "by an implementation that is not @typing.overload-ed.")
    return _overload_dummy


def final(f):
    return f


def no_type_check(arg):
    return arg


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get('__annotations__', {}))
        return hints
    return dict(getattr(obj, '__annotations__', {}) or {})


def get_origin(tp):
    return getattr(tp, '__origin__', None)


def get_args(tp):
    return getattr(tp, '__args__', ())


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type


class _NamedTupleMeta(type):
    def __new__(mcls, typename, bases, ns):
        if not bases:
            return super().__new__(mcls, typename, bases, ns)
        types = ns.get('__annotations__', {})
        field_names = list(types)
        defaults = []
        for name in field_names:
            if name in ns:
                defaults.append(ns[name])
            elif defaults:
                raise TypeError(f"Non-default namedtuple field {name} "
                                f"cannot follow default field"
                                f"{'s' if len(defaults) > 1 else ''} "
                                f"{', '.join(field_names[:len(defaults)])}")
        nm_tpl = collections.namedtuple(typename, field_names, defaults=defaults,
                                        module=ns.get('__module__', '__main__'))
        nm_tpl.__annotations__ = types
        for key in ns:
            if key in ('__module__', '__qualname__', '__annotations__', '__doc__') or key in field_names:
                continue
            setattr(nm_tpl, key, ns[key])
        return nm_tpl


class NamedTuple(metaclass=_NamedTupleMeta):
    pass


class _TypedDictMeta(type):
    def __new__(mcls, name, bases, ns, total=True):
        return super().__new__(mcls, name, (dict,), ns)

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)


class TypedDict(metaclass=_TypedDictMeta):
    pass


def NotRequired(tp):
    return tp


Required = NotRequired
`;
