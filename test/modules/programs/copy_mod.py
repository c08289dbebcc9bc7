import copy, sys, gc

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class Slotted:
    __slots__ = ('a', 'b', 'c')
    def __init__(self, a):
        self.a = a
        self.c = [a]

class WithCopy:
    def __init__(self, v): self.v = v
    def __copy__(self):
        print("__copy__ called")
        return WithCopy(self.v + 1)
    def __deepcopy__(self, memo):
        print("__deepcopy__ called", type(memo).__name__)
        return WithCopy(copy.deepcopy(self.v, memo))

class Reducer:
    def __init__(self, v): self.v = v
    def __reduce__(self):
        return (Reducer, (self.v * 2,))

class Stateful:
    def __init__(self): self.items = [1, 2]; self.cache = {'k': 'v'}
    def __getstate__(self):
        s = self.__dict__.copy(); del s['cache']; return s
    def __setstate__(self, st):
        print("setstate", sorted(st)); self.__dict__.update(st); self.cache = {}

t = (1, 2, "x")
print(copy.copy(t) is t, copy.deepcopy(t) is t)
t2 = (1, [2, 3])
d2 = copy.deepcopy(t2)
print(d2 == t2, d2 is t2, d2[1] is t2[1])
l = [1, [2, 3], {'a': [4]}]
c = copy.copy(l); dc = copy.deepcopy(l)
print(c == l, c is l, c[1] is l[1], dc[1] is l[1], dc[2]['a'] is l[2]['a'])
print(sys.getrefcount(l[1]))
s = {1, 2, 3}; print(copy.copy(s), copy.deepcopy(s), copy.copy(frozenset(s)))
p = Point(1, [2])
q = copy.copy(p); r = copy.deepcopy(p)
print(q, r, q.y is p.y, r.y is p.y, q is p, type(q).__name__)
print(sys.getsizeof(q.__dict__))
sl = Slotted(5)
sc = copy.copy(sl); sd = copy.deepcopy(sl)
print(sc.a, sd.a, sc.c is sl.c, sd.c is sl.c)
try:
    print(sc.b)
except AttributeError as e:
    print("AttributeError", e)
w = WithCopy(1)
print(copy.copy(w).v, copy.deepcopy(w).v)
print(copy.copy(Reducer(3)).v, copy.deepcopy(Reducer(3)).v)
st = Stateful()
st2 = copy.deepcopy(st)
print(st2.items, st2.cache, st2.items is st.items)
# shared references and cycles
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
cyc = [1]; cyc.append(cyc)
dcyc = copy.deepcopy(cyc)
print(dcyc[1] is dcyc, dcyc is cyc, dcyc)
memo = {}
a = copy.deepcopy([l, l], memo)
print(a[0] is a[1], len(memo) > 0)
print(copy.copy(Point), copy.deepcopy(len), copy.copy(None), copy.deepcopy(3.5))
class Tree:
    def __init__(self, v, kids=()):
        self.v = v; self.kids = list(kids); self.parent = None
        for k in self.kids: k.parent = self
tr = Tree(1, [Tree(2), Tree(3, [Tree(4)])])
tc = copy.deepcopy(tr)
print(tc.kids[1].kids[0].parent is tc.kids[1], tc.kids[0].parent is tc, tc.kids[0] is tr.kids[0])
del tr, tc
print(gc.collect())
def gen(): yield 1
try:
    copy.copy(gen())
except TypeError as e:
    print("TypeError", e)
try:
    copy.deepcopy(gen())
except TypeError as e:
    print("TypeError", e)
class LS(list): pass
ls = LS([1, [2]])
lc = copy.copy(ls); ld = copy.deepcopy(ls)
print(type(lc).__name__, lc, ld, ld[1] is ls[1])
class DS(dict): pass
ds = DS(a=1)
print(type(copy.deepcopy(ds)).__name__, copy.deepcopy(ds))
print(copy.Error, copy.error is copy.Error)
from collections import OrderedDict, defaultdict, Counter, deque, namedtuple
print(copy.deepcopy(deque([1, [2]])), copy.copy(OrderedDict(a=1)))
dd = defaultdict(list); dd['a'].append(1)
print(copy.deepcopy(dd), copy.copy(Counter('abca')))
P = namedtuple('P', 'x y')
print(copy.copy(P(1, 2)), copy.deepcopy(P(1, [2])))
