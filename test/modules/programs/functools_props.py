from functools import cached_property, total_ordering
import sys
class Data:
    def __init__(self, n):
        self.n = n
    @cached_property
    def big(self):
        print("  computing")
        return list(range(self.n))
d = Data(5)
print("before", "big" in d.__dict__)
print(len(d.big), len(d.big), "big" in d.__dict__, sys.getrefcount(d.big))
del d.big
print(len(d.big))
print(type(Data.__dict__["big"]).__name__, Data.big.attrname)
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) < V(2), V(1) >= V(2), V(3) > V(2), V(2) <= V(2), len(sorted([V(3), V(1)])))
