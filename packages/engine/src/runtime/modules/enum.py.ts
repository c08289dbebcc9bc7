// enum, in Python: EnumType turns a class body's plain attributes into members (instances of
// the class, in definition order, auto() values generated as 3.11 does), and gives the class
// iteration, len, membership, [name] and (value) lookup; Enum, IntEnum, StrEnum, Flag, IntFlag,
// auto and unique with 3.11's reprs, strs and error messages. A member's name and value live in
// the class's _info_ table keyed by the member's id (members live as long as their class), so
// int and str mixins work without per-instance dicts.
export const ENUM_SOURCE = String.raw`
import sys as _sys
from types import MappingProxyType

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag',
           'ReprEnum', 'auto', 'unique', 'property', 'verify', 'member', 'nonmember']

_auto_null = object()


class auto:
    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return "auto(%r)" % self.value


class member:
    def __init__(self, value):
        self.value = value


class nonmember:
    def __init__(self, value):
        self.value = value


property = property


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1] != '_' and name[-2] != '_'


def _is_private(cls_name, name):
    pattern = '_%s__' % cls_name.lstrip('_')
    return len(name) > len(pattern) and name.startswith(pattern) and not name.endswith('__')


def _is_descriptor(obj):
    return (hasattr(obj, '__get__') or hasattr(obj, '__set__') or hasattr(obj, '__delete__')
            or isinstance(obj, (type(len), type, classmethod, staticmethod, property))
            or callable(obj) and not isinstance(obj, auto))


def _info(m):
    try:
        return type(m)._info_[id(m)]
    except KeyError:
        raise AttributeError('_value_') from None


def _member_type(bases):
    for chain in bases:
        for base in chain.__mro__:
            if base is object or isinstance(base, EnumType):
                continue
            return base
    return object


class EnumType(type):
    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        names = []
        values = {}
        for key, value in list(classdict.items()):
            if isinstance(value, nonmember):
                classdict[key] = value.value
                continue
            if isinstance(value, member):
                value = value.value
            elif (_is_dunder(key) or _is_sunder(key) or _is_private(cls, key)
                  or _is_descriptor(value)):
                continue
            names.append(key)
            values[key] = value
            del classdict[key]
        enum_class = super().__new__(metacls, cls, bases, classdict, **kwds)
        setattr(enum_class, '_member_names_', [])
        setattr(enum_class, '_member_map_', {})
        setattr(enum_class, '_value2member_map_', {})
        setattr(enum_class, '_info_', {})
        setattr(enum_class, '_pending_', {})
        member_type = _member_type(bases)
        setattr(enum_class, '_member_type_', member_type)
        if '__new__' in classdict and Enum is not None:
            # The class's own __new__ makes members; lookups by value go through Enum.__new__.
            setattr(enum_class, '__new_member__', enum_class.__dict__['__new__'])
        if Enum is not None:
            setattr(enum_class, '__new__', Enum.__dict__['__new__'])
        new_member = getattr(enum_class, '__new_member__', None)
        last_values = []
        for name in names:
            value = values[name]
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = enum_class._generate_next_value_(name, 1, len(last_values), last_values[:])
                value = value.value
            args = value if isinstance(value, tuple) else (value,)
            if member_type is tuple:
                args = (args,)
            if new_member is not None:
                m = new_member(enum_class, *args)
                if id(m) in enum_class._pending_:
                    value = enum_class._pending_.pop(id(m))
            elif member_type is object:
                m = object.__new__(enum_class)
            else:
                m = member_type.__new__(enum_class, *args)
                value = member_type(*args)
            canonical = None
            for other in enum_class._member_map_.values():
                if _info(other)[1] == value:
                    canonical = other
                    break
            if canonical is not None:
                enum_class._member_map_[name] = canonical
                setattr(enum_class, name, canonical)
                last_values.append(value)
                continue
            enum_class._info_[id(m)] = (name, value)
            init = getattr(enum_class, '__init__', None)
            if init is not None and init is not object.__init__ and '__init__' in _mro_dicts(enum_class):
                m.__init__(*args)
            enum_class._member_names_.append(name)
            enum_class._member_map_[name] = m
            try:
                enum_class._value2member_map_.setdefault(value, m)
            except TypeError:
                pass
            setattr(enum_class, name, m)
            last_values.append(value)
        return enum_class

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type, start=start)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        bases = (cls,) if type is None else (type, cls)
        classdict = {}
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original_names, names = names, []
            last_values = []
            for count, name in enumerate(original_names):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        items = names.items() if isinstance(names, dict) else names
        for item in items:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        if module is None:
            module = _sys._getframe(2).f_globals['__name__'] if hasattr(_sys, '_getframe') else '__main__'
        classdict['__module__'] = module
        if qualname is not None:
            classdict['__qualname__'] = qualname
        return EnumType.__new__(EnumType, class_name, bases, classdict)

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': %s and %s" % (
                    "'%s'" % type(member).__qualname__, "'%s'" % cls.__class__.__qualname__))
        return isinstance(member, cls) and _info(member)[0] in cls._member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __bool__(cls):
        return True

    @property
    def __members__(cls):
        return MappingProxyType(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get('_member_map_', {})
        if name in member_map:
            raise AttributeError('cannot reassign member %r' % (name, ))
        super().__setattr__(name, value)

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError("%r cannot delete member %r." % (cls.__name__, attr))
        super().__delattr__(attr)


EnumMeta = EnumType
Enum = None
Flag = None


def _mro_dicts(cls):
    names = set()
    for c in cls.__mro__:
        if c is object or c.__module__ == 'enum':
            continue
        names.update(c.__dict__)
    return names


class Enum(metaclass=EnumType):
    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for m in cls._member_map_.values():
                if _info(m)[1] == value:
                    return m
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        raise TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                        % (cls.__name__, result))

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        last = last_values[-1]
        try:
            return max(last_values) + 1 if last != max(last_values) else last + 1
        except TypeError:
            return last + 1

    @classmethod
    def _missing_(cls, value):
        return None

    @property
    def name(self):
        return _info(self)[0]

    @property
    def value(self):
        return _info(self)[1]

    @property
    def _name_(self):
        return _info(self)[0]

    @property
    def _value_(self):
        return _info(self)[1]

    @_value_.setter
    def _value_(self, value):
        # A custom __new__ sets the member's value: EnumType picks it up from here.
        type(self)._pending_[id(self)] = value

    def __repr__(self):
        v_repr = type(self)._member_type_.__repr__ if type(self)._member_type_ is not object else repr
        return "<%s.%s: %s>" % (self.__class__.__name__, _info(self)[0], v_repr(_info(self)[1]))

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, _info(self)[0])

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__', 'name', 'value']

    def __hash__(self):
        return hash(_info(self)[0])

    def __reduce_ex__(self, proto):
        return self.__class__, (_info(self)[1], )

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class ReprEnum(Enum):
    pass


class IntEnum(int, ReprEnum):
    def __hash__(self):
        return hash(_info(self)[1])

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)


class StrEnum(ReprEnum):
    # The engine cannot make str subclass instances: a StrEnum member is an enum object whose
    # value is its str, equal to it, hashed like it, and answering str methods through it.
    def __hash__(self):
        return hash(_info(self)[1])

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError('too many arguments for str(): %r' % (values, ))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError('%r is not a string' % (values[0], ))
        return object.__new__(cls)

    def __str__(self):
        return _info(self)[1]

    def __format__(self, format_spec):
        return format(_info(self)[1], format_spec)

    def __eq__(self, other):
        if isinstance(other, StrEnum):
            return self is other
        if isinstance(other, str):
            return _info(self)[1] == other
        return NotImplemented

    def __lt__(self, other):
        return str(self) < str(other)

    def __add__(self, other):
        return _info(self)[1] + other

    def __radd__(self, other):
        return other + _info(self)[1]

    def __len__(self):
        return len(_info(self)[1])

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        return getattr(_info(self)[1], name)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


def _high_bit(value):
    return value.bit_length() - 1


class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high_bit = _high_bit(last_value)
        except Exception:
            raise TypeError('invalid flag value %r' % last_value) from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        all_bits = 0
        for m in cls._member_map_.values():
            all_bits |= _info(m)[1]
        if value < 0:
            value = value & all_bits
        if value & ~all_bits:
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        names = [_info(m)[0] for m in cls._member_map_.values()
                 if _info(m)[1] and _info(m)[1] & value == _info(m)[1]
                 and _info(m)[1] & (_info(m)[1] - 1) == 0]
        name = '|'.join(names) if names else None
        cls._info_[id(pseudo)] = (name, value)
        return cls._value2member_map_.setdefault(value, pseudo)

    def _members(self):
        value = _info(self)[1]
        cls = type(self)
        return [m for m in cls._member_map_.values()
                if _info(m)[1] and _info(m)[1] & value == _info(m)[1]
                and _info(m)[1] & (_info(m)[1] - 1) == 0 and cls._member_map_[_info(m)[0]] is m]

    def __iter__(self):
        return iter(self._members())

    def __len__(self):
        return len(self._members())

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(
                "unsupported operand type(s) for 'in': %r and %r" % (
                    type(other).__qualname__, self.__class__.__qualname__))
        return _info(other)[1] & _info(self)[1] == _info(other)[1]

    def __bool__(self):
        return bool(_info(self)[1])

    def __repr__(self):
        cls_name = self.__class__.__name__
        name, value = _info(self)
        v_repr = type(self)._member_type_.__repr__ if type(self)._member_type_ is not object else repr
        if name is None:
            return "<%s: %s>" % (cls_name, v_repr(value))
        return "<%s.%s: %s>" % (cls_name, name, v_repr(value))

    def __str__(self):
        cls_name = self.__class__.__name__
        name, value = _info(self)
        if name is None:
            return '%s(%r)' % (cls_name, value)
        return "%s.%s" % (cls_name, name)

    def __or__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(_info(self)[1] | _info(other)[1])

    def __and__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(_info(self)[1] & _info(other)[1])

    def __xor__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(_info(self)[1] ^ _info(other)[1])

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        all_bits = 0
        for m in type(self)._member_map_.values():
            all_bits |= _info(m)[1]
        return self.__class__(all_bits & ~_info(self)[1])


class IntFlag(int, ReprEnum, Flag):
    def __hash__(self):
        return hash(_info(self)[1])

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)

    def __or__(self, other):
        if isinstance(other, int) and not isinstance(other, self.__class__):
            other = self.__class__(other)
        return Flag.__or__(self, other)

    def __and__(self, other):
        if isinstance(other, int) and not isinstance(other, self.__class__):
            other = self.__class__(other)
        return Flag.__and__(self, other)

    __ror__ = __or__
    __rand__ = __and__


def unique(enumeration):
    duplicates = []
    for name, m in enumeration.__members__.items():
        if name != _info(m)[0]:
            duplicates.append((name, _info(m)[0]))
    if duplicates:
        alias_details = ', '.join(["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration


def verify(*checks):
    def decorator(enumeration):
        return enumeration
    return decorator
`;
