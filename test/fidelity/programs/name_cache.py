# Name lookups through the per-instruction cache: rebinding, deleting, clearing and shadowing
# globals and builtins between runs of the same LOAD_NAME / LOAD_GLOBAL / STORE_NAME, and the
# refcounts of what the cached stores replace.
import sys
x = 1
def f():
    return x
def g(s):
    return len(s)
for k in range(3):
    print(f(), g("ab"))
    if k == 0:
        del x
        try:
            f()
        except NameError as e:
            print("NameError", e)
        x = 2
    elif k == 1:
        len = lambda s: 42
        print(g("abc"), len("q"))
        del len
globals().pop('x')
try:
    f()
except NameError as e:
    print("gone", e)
globals()['x'] = 7
print(f())
d = globals()
for i in range(30):
    d['v%d' % i] = i
print(f(), v29)
y = 5
for i in range(3):
    y = y + 1
    print(y)
class C:
    y = 100
    z = y + 1
    print(z)
print(y)
import builtins
old = builtins.len
builtins.len = lambda s: -1
print(g("abc"))
builtins.len = old
print(g("abc"))
exec("w = 3\nprint(w + x)", {'x': 10})
def h():
    return q
q = [1]
print(h(), sys.getrefcount(q))
for i in range(3):
    q = [i]
    print(h(), sys.getrefcount(q))
def make(v):
    class K:
        if v > 1:
            a = v
        b = a + 1
    return K
a = -1
for v in (1, 2, 3, 1):
    print(make(v).b)
