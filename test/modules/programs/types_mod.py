import types, sys
ns = types.SimpleNamespace(a=1, b="x")
ns.c = [1, 2]
print(ns, ns.a, types.SimpleNamespace(a=1, b="x", c=[1, 2]) == ns, types.SimpleNamespace() == types.SimpleNamespace(), ns != types.SimpleNamespace(a=1))
del ns.c; print(ns, vars(ns))
class Sub(types.SimpleNamespace): pass
print(Sub(z=3), types.SimpleNamespace)
d = {'k': 1}
mp = types.MappingProxyType(d)
print(mp['k'], len(mp), list(mp), 'k' in mp, mp.get('q', 0), dict(mp.items()), mp)
d['n'] = 2; print(mp)
try:
    mp['x'] = 1
except TypeError as e:
    print("TypeError", e)
def f(): pass
def gen(): yield
print(isinstance(f, types.FunctionType), isinstance(lambda: 0, types.LambdaType), isinstance(gen(), types.GeneratorType), isinstance(len, types.BuiltinFunctionType), isinstance(sys, types.ModuleType))
class K:
    def m(self): pass
print(isinstance(K().m, types.MethodType), types.FunctionType, types.GeneratorType, types.NoneType, types.ModuleType)
