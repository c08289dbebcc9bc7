# dict.update into an empty dict clones a clean source's table (dict_merge), so the size is the source's; a materialised instance dict becomes combined (what copy.deepcopy does to an instance).
import sys
a = {i: i for i in range(10)}
d = {}
d.update(a)
b = dict(a)
c = {}
c.update({'x': 1})
e = {**a}
f = dict(**{'k': 1})
g = {}
g.update(zip('ab', 'cd'))
for i in range(3): del a[i]
h = {}
h.update(a)
class O: pass
o = O(); o.p = 1; o.q = 2
import copy
o2 = copy.deepcopy(o)
print([sys.getsizeof(x) for x in (a, d, b, c, e, f, g, h, o2.__dict__)])
