# dicts: order and size after deletions, views, merges, bool/int/float keys, clearing, resizing.
import sys, gc
d = {}
for i in range(8): d[i] = str(i)
for i in range(0, 8, 2): del d[i]
print(d, sys.getsizeof(d))
for i in range(100, 106): d[i] = i
print(list(d)[:5], sys.getsizeof(d))
print(d.popitem(), d.setdefault('x', []), d.get('nope', 'dflt'), sys.getsizeof(d))
e = dict.fromkeys('abcdef', 0)
e.update(g=1, h=2)
print(sys.getsizeof(e), len(e))
keys = d.keys(); vals = d.values(); items = d.items()
print(sys.getsizeof(keys), type(keys).__name__, 100 in keys, len(items))
print(sys.getrefcount(d))
class Cfg:
    defaults = {'a': 1}
    def __init__(self, **kw):
        self.opts = dict(self.defaults, **kw)
c = Cfg(b=2, c=3)
print(c.opts, sys.getsizeof(c.opts), sys.getrefcount(Cfg.defaults))
nested = {i: {j: j for j in range(3)} for i in range(3)}
print(gc.is_tracked(nested), gc.is_tracked(nested[0]), gc.is_tracked({1: 2}), gc.is_tracked({1: []}))
dd = {1: 'a'}
dd[1.0] = 'b'; dd[True] = 'c'
print(dd, len(dd))
od = dict(sorted({'z': 1, 'a': 2, 'm': 3}.items()))
print(od, list(reversed(od)))
m = {**{'a': 1}, **{'b': 2}, 'c': 3}
print(m, sys.getsizeof(m))
m |= {'d': 4}
print(m | {'e': 5}, sys.getsizeof(m))
big = {str(i): i for i in range(1000)}
print(sys.getsizeof(big))
big.clear(); print(sys.getsizeof(big))
x = {'a': 1, 'b': 2}
del x['a']; x['a'] = 3
print(x, sys.getsizeof(x))
print(sys.getsizeof({}.copy()), sys.getsizeof(dict()), sys.getsizeof(dict(a=1)), sys.getsizeof(dict([(1, 2)])))
