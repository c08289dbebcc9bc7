# A class with __getattribute__ or __getattr__: its attribute lookup is not the generic one, so a
# method call makes a bound method (LOAD_METHOD falls back to getattr), and the hooks run in
# CPython's order.
import gc, sys


class G:
    def __getattr__(self, name):
        return f'missing {name}'

    def m(self):
        return 1


class Plain:
    def m(self):
        return 1


class Audit:
    def __init__(self):
        self.log = []

    def __getattribute__(self, name):
        if name != 'log':
            object.__getattribute__(self, 'log').append(name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return f'fallback {name}'

    def hi(self):
        return 'hi'


for obj in (G(), Plain()):
    gc.collect()
    before = gc.get_count()[0]
    for _ in range(5):
        obj.m()
    print(type(obj).__name__, gc.get_count()[0] - before)
g = G()
print(g.nope, g.m(), getattr(g, 'x', 'dflt'), hasattr(g, 'y'))
a = Audit()
print(a.hi(), a.hi.__name__, a.zzz, a.log)
try:
    object.__getattribute__(a, 'nothing')
except AttributeError as e:
    print('AttributeError:', e)
print(sys.getrefcount(a), a.log)
