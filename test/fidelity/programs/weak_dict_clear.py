# Weak dictionaries' clear() (MutableMapping's, which CPython's inherit).
import weakref, gc
class K: pass
ks = [K() for _ in range(3)]
d = weakref.WeakKeyDictionary({k: i for i, k in enumerate(ks)})
v = weakref.WeakValueDictionary({i: k for i, k in enumerate(ks)})
print(len(d), len(v))
d.clear(); v.clear()
print(len(d), len(v), gc.collect() >= 0)
