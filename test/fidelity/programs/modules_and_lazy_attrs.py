# Modules as objects: types.ModuleType, sys.modules as the table an import looks in first, a
# module's own __getattr__ (PEP 562), and collections' lazily built ChainMap/User* classes.
import sys
import types
import gc

m = types.ModuleType('lazy', 'a lazy module')
print(type(m).__name__, m.__name__, m.__doc__, sorted(m.__dict__), gc.is_tracked(m))
print(sys.getrefcount(m))
calls = []


def _lazy_getattr(name):
    calls.append(name)
    if name == 'answer':
        return 42
    raise AttributeError(f"module 'lazy' has no attribute {name!r}")


m.__getattr__ = _lazy_getattr
print(m.answer, hasattr(m, 'nope'), getattr(m, 'nope', 'default'), calls)
try:
    m.nope
except AttributeError as e:
    print('AttributeError:', e)
sys.modules['lazy'] = m
print(sys.getrefcount(m))
import lazy
print(lazy is m, sys.getrefcount(m))
from lazy import answer
print(answer)
try:
    from lazy import missing
except ImportError as e:
    print('ImportError:', e)
del lazy
del sys.modules['lazy']
print(sys.getrefcount(m))
print(sys.modules['__main__'].__name__, 'sys' in sys.modules, sys.modules['sys'] is sys)
try:
    types.ModuleType(3)
except TypeError as e:
    print('TypeError:', e)

import collections
from collections import ChainMap, UserDict, UserList, UserString
cm = ChainMap({'a': 1}, {'b': 2, 'a': 9})
print(cm['a'], cm['b'], len(cm), list(cm), cm, cm.get('z', 0), 'b' in cm, bool(cm))
child = cm.new_child({'c': 3})
print(child, child.parents, child['c'])
cm['z'] = 5
print(cm.maps[0])
del cm['z']
try:
    del cm['b']
except KeyError as e:
    print('KeyError', e)


class Doubling(UserDict):
    def __missing__(self, k):
        return k * 2


d = Doubling(x=1)
d['y'] = 2
print(d, len(d), d['q'], d.get('x'), sorted(d), d.copy(), type(d.copy()).__name__)
print(UserDict({'a': 1}) | {'b': 2})
ul = UserList([3, 1, 2])
ul.append(0)
ul.sort()
print(ul, ul + [9], [8] + ul, ul[1:], ul * 2, len(ul), 2 in ul, ul == [0, 1, 2, 3])
ul2 = ul.copy()
ul2.reverse()
print(ul2, type(ul2).__name__, ul.index(2), ul.count(1), ul.pop(), ul)
s = UserString('hello')
print(s, repr(s), s.upper(), s + '!', s[1:3], len(s), 'ell' in s, s.replace('l', 'L'), s.split('e'), s == 'hello')
print(ChainMap.__module__, UserDict.__name__, isinstance(cm, collections.abc.MutableMapping))
try:
    collections.Nope
except AttributeError as e:
    print(e)
