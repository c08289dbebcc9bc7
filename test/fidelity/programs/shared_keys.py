# Instances share their class's keys (3.11): every new instance shrinks the usable room, so
# getsizeof of a materialised __dict__ depends on how many instances exist; attributes are freed
# in shared-key order; a full shared table turns a dict into an ordinary combined one.
import sys, gc
class V:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
class A: pass
a = A(); a.x = 1; a.y = 2; a.z = 3
b = A(); b.z = V('bz'); b.y = V('by'); b.x = V('bx')
print(list(vars(b)), sys.getsizeof(b.__dict__))
b.__dict__['w'] = V('bw')
print(sys.getsizeof(b.__dict__), sys.getsizeof(a.__dict__))
del b
print('--')
c = A(); c.q = V('cq'); c.x = V('cx')
c.self = c
del c
gc.collect()
print('--')
class Many: pass
m = Many()
for i in range(35):
    setattr(m, 'a%d' % i, i)
print(sys.getsizeof(m.__dict__), len(vars(m)), sys.getsizeof(Many().__dict__))
n = Many(); n.a0 = 1
print(sys.getsizeof(n.__dict__))
# The collector visits inline attributes in shared-key order.
class N:
    def __init__(self, name): self.name = name
    def __del__(self): print('del', self.name)
class Holder: pass
h0 = Holder(); h0.p = 1; h0.q = 2; h0.r = 3
h = Holder()
h.r = N('r'); h.q = N('q'); h.p = N('p')
h.r.back = h
print([getattr(x, 'name', x) for x in gc.get_referents(h) if not isinstance(x, type)])
del h
print(gc.collect())
