# gc.get_referrers skips its own argument tuple (gc_referrers_for: obj == objs), which holds the
# objects asked about and would otherwise be listed as a referrer of each.
import gc

def show(objs):
    return sorted(type(r).__name__ + ':' + (str(len(r)) if hasattr(r, '__len__') else '?') for r in objs)

t = ([1],)
print(show(gc.get_referrers(t[0])))
a = []
b = {'k': a}
c = [a, a]
print(show(gc.get_referrers(a)))
print(show(gc.get_referrers(a, t[0])))
print(len(gc.get_referrers()))

def inside(x):
    holder = [x]
    return show(gc.get_referrers(x))
print(inside(a))
args = (a, t)
print(show(gc.get_referrers(*args)))
