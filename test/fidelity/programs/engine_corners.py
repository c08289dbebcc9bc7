# Corners an earlier engine got wrong: property's fset/fdel, a class not inheriting its base's
# __annotations__, private __slots__ names mangled, a dict whose keys change at the same size
# while iterated, gen.throw(type, value), and __traceback__ / with_traceback setting what the
# final traceback prints.
class P:
    @property
    def x(self): return 1
    @x.setter
    def x(self, v): pass
print(P.x.fset is not None, P.x.fdel, P.x.fget.__name__)
class B:
    a: int = 1
class C(B):
    pass
print(C.__annotations__ if '__annotations__' in C.__dict__ else 'none', B.__annotations__)
class S:
    __slots__ = ('__priv', 'pub')
    def __init__(self):
        self.__priv = 1
        self.pub = 2
s = S()
print(s._S__priv, sorted(k for k in S.__dict__ if 'priv' in k))
d = {1: 1, 2: 2}
try:
    for k in d:
        del d[k]
        d[k + 10] = 1
except RuntimeError as e:
    print(e)
def g():
    try:
        yield 1
    except ValueError as e:
        print('got', repr(e))
        yield 2
it = g(); next(it)
print(it.throw(ValueError, ValueError('v')))
try:
    raise KeyError('k')
except KeyError as e:
    e.__traceback__ = None
    print(e.__traceback__)
def f():
    raise ValueError('x')
def g():
    f()
try:
    g()
except ValueError as e:
    saved = e.__traceback__
e2 = KeyError('k').with_traceback(saved)
try:
    e2.__traceback__ = 5
except TypeError as t:
    print(t)
def h():
    raise e2
h()
