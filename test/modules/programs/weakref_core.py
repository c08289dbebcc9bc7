import weakref, gc, sys
class A:
    def m(self): return 1
    def __call__(self): return "called"
a = A()
r1 = weakref.ref(a); r2 = weakref.ref(a)
print(r1 is r2, weakref.getweakrefcount(a), r1.__callback__)
def cb(r): print("cb", r is r3)
r3 = weakref.ref(a, cb)
print(r3 is r1, weakref.getweakrefcount(a), r3.__callback__ is cb, len(weakref.getweakrefs(a)))
p = weakref.proxy(a)
print(type(p) is weakref.CallableProxyType, p(), p.m(), weakref.getweakrefcount(a))
class B: pass
b = B()
pb = weakref.proxy(b)
print(type(pb) is weakref.ProxyType, isinstance(r1, weakref.ReferenceType), weakref.ref is weakref.ReferenceType)
class MyRef(weakref.ref):
    def __new__(cls, ob, callback=None, tag=None):
        return super().__new__(cls, ob, callback)
    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag
mr = MyRef(a, None, "t")
print(mr.tag, mr() is a, weakref.getweakrefcount(a), type(mr).__name__)
wm = weakref.WeakMethod(a.m)
print(wm()(), sys.getrefcount(a))
print(hash(r1) == hash(a), r1 == weakref.ref(a))
del a
print("after del", r1(), r3(), mr(), wm())
try:
    p.m
except ReferenceError as e:
    print("ReferenceError:", e)
try:
    weakref.ref(1)
except TypeError as e:
    print("TypeError:", e)
d = weakref.WeakValueDictionary({"k": b})
print(len(d), list(d.items())[0][1] is b, d.valuerefs()[0]() is b)
f = weakref.finalize(b, print, "bye b")
print(f.peek()[1] is print, f.alive)
del b, pb
print(f.alive, "end", gc.collect())
