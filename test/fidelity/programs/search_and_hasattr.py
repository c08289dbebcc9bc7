# str searching takes CPython's [start[, end]] slice; hasattr and getattr(o, name, default) treat an AttributeError raised on the way (an unset slot, a property) as absence.
s = 'abcabc'
print(s.find('a', 1), s.find('c', 1, 3), s.rfind('a', 0, 3), s.index('b', 2), s.count('a', 1), s.startswith('b', 1), s.endswith('b', 0, 2), s.startswith(('x', 'c'), 2), s.rindex('c', 0, 5), s.find('a', -3))
class S:
    __slots__ = ('a', 'b')
o = S(); o.a = 1
print(hasattr(o, 'a'), hasattr(o, 'b'), getattr(o, 'b', 'dflt'))
class P:
    @property
    def x(self):
        raise AttributeError('nope')
print(hasattr(P(), 'x'), getattr(P(), 'x', 5))
try:
    P().x
except AttributeError as e:
    print(e)
print('abc'.startswith('b', 1, 2), 'héllo wörld'.find('ö', 3), 'aaa'.count('a', 1), 'x'.endswith(('y', 'x')))
try:
    'a'.startswith(1)
except TypeError as e:
    print(e)
try:
    'abc'.index('z', 1)
except ValueError as e:
    print(e)
