# Instances of str and int subclasses are their own objects (GC-tracked with a __dict__), take attributes, and have CPython's sizes (a str subclass is not compact).
import sys, gc
class Num(int):
    pass
n = Num(5)
print(type(n).__name__, n + 1, type(n + 1).__name__, isinstance(n, int), gc.is_tracked(n), sys.getsizeof(n), sys.getsizeof(5))
class Tag(str):
    def shout(self): return self.upper() + '!'
t = Tag('hey')
print(type(t).__name__, t.shout(), t + 'x', type(t + 'x').__name__, len(t), t == 'hey', {t: 1}['hey'], gc.is_tracked(t), sys.getsizeof(t), sys.getsizeof('hey'))
import sys
class T(str): pass
class S(str): __slots__ = ()
print([sys.getsizeof(T('a'*n)) for n in (0,1,3,10)], [sys.getsizeof(S('a'*n)) for n in (0,1,3,10)], sys.getsizeof(T('é')), sys.getsizeof(T('€€')))
t = T('x'); t.tag = 1
print(t.tag, t.__dict__, str(t), repr(t), t.upper(), type(t.upper()).__name__)
class Tag(str):
    pass
t = Tag('x')
t.kind = 'k'
print(t, t.kind, type(t).__name__, isinstance(t, str), t + 'y')
class Num(int):
    pass
n = Num(5)
n.unit = 'kg'
print(n + 1, n.unit, type(n + 1).__name__)
