from collections.abc import Mapping, MutableMapping, Sequence, MutableSet, Iterable, Iterator
class LRU(MutableMapping):
    def __init__(self, cap):
        self.cap = cap; self.data = {}
    def __getitem__(self, k):
        return self.data[k]
    def __setitem__(self, k, v):
        self.data.pop(k, None); self.data[k] = v
        if len(self.data) > self.cap: del self.data[next(iter(self.data))]
    def __delitem__(self, k): del self.data[k]
    def __iter__(self): return iter(self.data)
    def __len__(self): return len(self.data)
c = LRU(2)
c["a"] = 1; c["b"] = 2; c["a"]; c["c"] = 3
print(list(c), c.get("b"), "a" in c, c.get("zz", 0), dict(c.items()), list(c.keys()), list(c.values()), len(c))
c.update({"d": 4}, e=5); print(list(c), c.pop("e"), c.setdefault("q", 9), list(c))
class Rng(Sequence):
    def __init__(self, n): self.n = n
    def __getitem__(self, i):
        if not 0 <= i < self.n: raise IndexError(i)
        return i * i
    def __len__(self): return self.n
r = Rng(5)
print(list(r), 9 in r, r.index(16), r.count(4), list(reversed(r)), isinstance(r, Sequence), isinstance(c, Mapping))
class Bad(Mapping):
    pass
try:
    Bad()
except TypeError as e:
    print(e)
class Count(Iterator):
    def __init__(self): self.i = 0
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
print(list(Count()), iter(Count()).__class__.__name__)
