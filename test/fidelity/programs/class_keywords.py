# Keywords of a class statement: to the metaclass call and on to __init_subclass__.
class A: pass
try:
    class B(A, x=1): pass
except TypeError as e:
    print(e)
class M(type):
    def __new__(m, n, b, ns, **kw):
        print('meta kw', kw)
        return super().__new__(m, n, b, ns, **kw)
class P:
    def __init_subclass__(cls, **kw):
        print('isc', cls.__name__, kw)
class C(P, metaclass=M, flag=True): pass
class D(P, a=1, b=2): pass
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry.append(name or cls.__name__)
class E(Plugin, name='alpha'): pass
class F(Plugin): pass
print(Plugin.registry)
T = type('T', (P,), {}, z=3)
print(T.__name__)
