import sys, gc
from collections import deque

class Tag:
    def __init__(self, t):
        self.t = t
    def __del__(self):
        print("del", self.t)
    def __repr__(self):
        return "Tag(%s)" % self.t

gc.collect()
d = deque()
print(sys.getsizeof(d), d, len(d), bool(d), d.maxlen)
x = Tag("x")
d.append(x)
d.append(x)
print("refcount x:", sys.getrefcount(x))
for i in range(100):
    d.append(i)
print(len(d), sys.getsizeof(d))
for i in range(70):
    d.popleft()
print(len(d), sys.getsizeof(d), d[0], d[-1], d.count(99), d.index(99))
d.clear()
print("cleared", len(d), sys.getsizeof(d), sys.getrefcount(x))
e = deque([Tag(1), Tag(2), Tag(3)], maxlen=2)
print("built", e)
e.appendleft(Tag(0))
print("after appendleft", e)
e.extend([Tag(4)])
print(e.pop(), e.popleft() if e else None, e)
f = deque(range(10))
f.rotate(3)
print(f, f[2])
f.rotate(-5)
print(f)
f.reverse()
print(list(reversed(f)), 3 in f, 42 in f)
f.remove(3)
del f[0]
f[0] = "first"
f.insert(2, "ins")
print(f, f.copy() == None, sys.getsizeof(f))
try:
    f.remove(99)
except ValueError as err:
    print("ValueError:", err)
try:
    deque().pop()
except IndexError as err:
    print("IndexError:", err)
try:
    deque(maxlen=-1)
except ValueError as err:
    print("ValueError:", err)
g = deque("abc", 2)
g.extend("d")
print(g, type(g).__name__, type(iter(g)).__name__, deque.__module__)
h = deque(maxlen=0)
h.append(Tag("zero"))
print("maxlen 0:", h)
print("tracked:", gc.is_tracked(d))
lst = [deque([1]), deque([2])]
lst[0].append(lst[1]); lst[1].append(lst[0])
del lst
print("collected cycle:", gc.collect())
del x
print("end")
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1]), deque([1, 2]) < deque([1, 3]), deque([2]) >= deque([1, 9]), deque([1]) == [1])
from collections import deque
import io, itertools
for f in [lambda: deque().nope, lambda: deque([1]) < [1], lambda: io.StringIO().nope, lambda: itertools.count().nope, lambda: len(itertools.count()), lambda: deque()[None]]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
print(type(deque()).__name__, deque, io.StringIO, itertools.count, type(iter(deque())).__name__)
from collections import deque
d = deque([1], maxlen=3)
d += [2, 3, 4]
print(d)
d += "ab"
print(d)
