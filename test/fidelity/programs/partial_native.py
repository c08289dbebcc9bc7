# functools.partial as CPython's C type: what a partial allocates when made (the argument
# tuple's tail, the call's own keyword dict), on the vectorcall path (nothing) and once its
# keywords make it fall back to tp_call (a tuple, a copied dict, a names tuple), a decorator's
# functools.wraps, flattening a partial of a partial, subclasses, weak references, and
# gc.get_referents visiting the type as CPython's heap types do.
import functools, gc, sys
def f(a, b=0, *, c=1):
    return (a, b, c)
p = functools.partial(f, 1, c=5)
gc.collect()
r1 = p(2)
x1 = gc.get_count()
r2 = p(2, c=9)
x2 = gc.get_count()
r3 = p(*[3])
x3 = gc.get_count()
q = functools.partial(p, 7)
print(r1, r2, r3, x1, x2, x3, q.args, q.keywords, q.func is f, q())
print(repr(p)[:22], p.keywords, sys.getrefcount(p.keywords))
class Sub(functools.partial):
    pass
s = Sub(f, 3)
print(s(), type(s).__name__, s.args)
p2 = functools.partial(len)
gc.collect()
n = p2([1, 2])
x4 = gc.get_count()
print(n, x4)
try:
    functools.partial(5)
except TypeError as e:
    print(e)
def g(**kw): return kw
pk = functools.partial(g, a=1)
print(pk(b=2), pk.keywords)
import weakref
w = weakref.ref(p)
print(w() is p)
def deco(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper
def plain(a): return a
gc.collect()
w = deco(plain)
c1 = gc.get_count()
p = functools.partial(plain, 1)
c2 = gc.get_count()
r = p()
c3 = gc.get_count()
print(c1, c2, c3, r, sys.getsizeof(p), sys.getrefcount(plain))
print(p.func is plain, p.args, p.keywords, repr(p)[:30])
print(len(gc.get_referents(p)), gc.is_tracked(p))
q = functools.partial(p, 2, k=3)
print(q.func is plain, q.args, q.keywords)
