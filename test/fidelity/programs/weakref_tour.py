# The weakref module's everyday uses: refs, callbacks, proxies, WeakValueDictionary, WeakSet, finalize, parent pointers, WeakKeyDictionary, WeakMethod.
import weakref, gc, sys
class Obj:
    def __init__(self, n): self.n = n
    def __repr__(self): return 'Obj(%d)' % self.n
o = Obj(1)
r1 = weakref.ref(o)
r2 = weakref.ref(o)
print(r1 is r2, weakref.getweakrefcount(o), sys.getrefcount(o))
def cb(ref): print('callback', ref is r3)
r3 = weakref.ref(o, cb)
print(weakref.getweakrefcount(o), len(weakref.getweakrefs(o)))
p = weakref.proxy(o)
print(p.n, repr(p)[:13])
del o
print(r1(), r3())
try:
    p.n
except ReferenceError as e:
    print('ReferenceError', e)
wd = weakref.WeakValueDictionary()
a = Obj(2); b = Obj(3)
wd['a'] = a; wd['b'] = b
print(sorted(wd.keys()), len(wd))
del a
print(sorted(wd.keys()))
ws = weakref.WeakSet()
x = Obj(4)
ws.add(x)
print(len(ws), x in ws)
del x
print(len(ws))
fin_log = []
y = Obj(5)
f = weakref.finalize(y, fin_log.append, 'finalized')
print(f.alive)
del y
print(fin_log, f.alive)
class Node:
    def __init__(self):
        self.parent = None
        self.children = []
root = Node(); child = Node()
child.parent = weakref.ref(root)
root.children.append(child)
del root
print(child.parent())
print(gc.collect())
wm = weakref.WeakKeyDictionary()
k = Obj(6)
wm[k] = 'v'
print(len(wm)); del k; print(len(wm))
m = Obj(7)
meth = weakref.WeakMethod(m.__repr__)
print(meth()())
del m
print(meth())
print(sys.getsizeof(r1), type(r1).__name__, type(p).__name__)
