import gc, sys, weakref

class Obj:
    def __init__(self, n):
        self.n = n
    def method(self):
        return self.n * 2

gc.collect()
d = weakref.WeakValueDictionary()
objs = [Obj(i) for i in range(3)]
for o in objs:
    d[o.n] = o
print(len(d), sorted(d.keys()), 1 in d, 7 in d, d.get(7, "none"))
print(sorted(o.n for o in d.values()), sorted(k for k, v in d.items()))
print("refcount:", sys.getrefcount(objs[0]))
kr = d.data[0]
print(type(kr).__name__, kr.key, isinstance(kr, weakref.ref), kr() is objs[0])
del kr
objs.pop()
print("after pop:", len(d))
a = Obj(10)
a.self = a
d["cyc"] = a
del a
print("cycle alive:", len(d))
print("collected:", gc.collect())
print("after collect:", len(d))
print(d.pop(0).n, len(d), d.setdefault("x", objs[1]).n)
print(repr(d).startswith("<WeakValueDictionary at 0x"))

k = weakref.WeakKeyDictionary()
keys = [Obj(i) for i in range(3)]
for o in keys:
    k[o] = o.n * 10
print(len(k), k[keys[1]], keys[2] in k, 5 in k, sorted(k.values()), k.get(Obj(9), "no"))
del keys[0]
print("after del:", len(k), sorted(o.n for o in k.keys()))
print(sorted(v for _, v in k.items()))

m = Obj(4)
wm = weakref.WeakMethod(m.method)
print(wm()(), wm() == m.method, type(wm).__name__)
del m
print("dead method:", wm())
try:
    weakref.WeakMethod(len)
except TypeError as e:
    print("TypeError:", e)

def cleanup(*args, **kw):
    print("cleanup", args, kw)
    return len(args)

r = Obj(1)
f = weakref.finalize(r, cleanup, 1, 2, k=3)
p = f.peek()
print(p[0] is r, p[1] is cleanup, p[2], p[3], f.alive, f.atexit)
f.atexit = False
print(f.atexit)
del p
del r
print(f.alive, f.peek(), f())
s = Obj(2)
g = weakref.finalize(s, cleanup, "at-exit")
h = weakref.finalize(s, cleanup, "not-at-exit")
h.atexit = False
print("end of program")
