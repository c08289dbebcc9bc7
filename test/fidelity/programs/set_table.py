# set and frozenset follow setobject.c's table: iteration order after deletions, sizes of every
# bulk path (displays, set(s), copy, |, &, -, ^ and their in-place forms, update from a dict),
# pop's finger, and the order members are released, traversed and cleared.
import sys, gc

def show(label, s):
    print(label, s, sys.getsizeof(s))

show('display', {1, 2, 3, 4, 5})
show('display9', {1, 2, 3, 4, 5, 6, 7, 8, 9})
s = {3, 1, 2}
s.discard(1); s.add(10); s.add(17)
show('after discard/add', s)
grow = set()
for i in range(20):
    grow.add(i * 7)
for i in range(0, 20, 3):
    grow.discard(i * 7)
show('grown', grow)
show('copy', grow.copy())
show('set(set)', set(grow))
show('set(list)', set([5, 3, 9, 1, 12, 40, 33]))
show('frozenset(range)', frozenset(range(5)))
show('frozenset(set)', frozenset({1, 2, 3, 4, 5}))
a = {1, 2, 3, 4, 5, 6}
b = {4, 5, 6, 7, 8, 9, 10, 11}
show('or', a | b)
show('and', a & b)
show('sub', a - b)
show('xor', a ^ b)
show('union3', a.union([100, 200], (300,)))
show('intersection', a.intersection(range(3, 100)))
show('difference', a.difference([1], {2}))
show('symdiff', a.symmetric_difference([5, 6, 50]))
big = set(range(100))
show('big - small', big - {1, 2, 3})
c = set(range(30))
c -= set(range(0, 30, 2))
show('isub', c)
c &= {1, 3, 5, 7, 100}
show('iand', c)
c ^= {7, 8, 9}
show('ixor', c)
c |= {40, 41}
show('ior', c)
d = set()
d.update({'k%d' % i: i for i in range(6)})
print(sorted(d), sys.getsizeof(d))
p = set(range(10, 20))
print([p.pop() for _ in range(4)], p)
print({1, 1.0, True}, {1.0, 1}, {0, False, 0.0} == {0})
e = {1, 2, 3}
e.clear()
show('cleared', e)
e.update(range(50))
e.clear()
show('cleared big', e)

class Noisy:
    def __init__(self, n): self.n = n
    def __hash__(self): return self.n * 7919 % 97
    def __eq__(self, o): return isinstance(o, Noisy) and o.n == self.n
    def __repr__(self): return 'N%d' % self.n
    def __del__(self): print('del', self.n)

ns = {Noisy(i) for i in range(6)}
print(ns, Noisy(3) in ns)
print([x.n for x in gc.get_referents(ns)])
ns.discard(Noisy(2))
print('dropping the set')
del ns
print(sys.getrefcount(frozenset((1, 2))), len({frozenset({1}), frozenset([1])}))
