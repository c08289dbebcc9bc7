# Instances of list and dict subclasses have a __dict__ (attributes, vars, the collector sees and clears it) and the sizes their slots, __weakref__ and managed dict add.
import sys
class Stack(list):
    def __init__(self, name):
        super().__init__()
        self.name = name
    def push(self, x): self.append(x)
s = Stack('s')
s.push(1); s.push(2)
print(s, s.name, len(s), sys.getsizeof(s), s.__dict__)
class Cfg(dict):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.source = 'env'
    def __getattr__(self, k): return self[k]
c = Cfg(a=1)
print(c, c.a, c.source, sys.getsizeof(c))
import gc
class Node(list):
    pass
a = Node(); b = Node()
a.other = b; b.other = a
a.append(b)
del a, b
print(gc.collect())
class Reg(dict):
    def __del__(self): print('del Reg', self.tag)
r = Reg(); r.tag = 't'; r['self'] = r
del r
print(gc.collect())
import sys
class L(list): pass
class LS(list):
    __slots__ = ()
class LA(list):
    __slots__ = ('a',)
class D(dict): pass
class DS(dict):
    __slots__ = ('x', 'y')
print([sys.getsizeof(c()) for c in (L, LS, LA, D, DS)], sys.getsizeof(L([1, 2, 3])), sys.getsizeof(D(a=1)))
class L2(L): pass
print(sys.getsizeof(L2()))
