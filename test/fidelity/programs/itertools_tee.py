# itertools.tee: tee objects sharing 57-value data links, the values they keep alive, copies,
# the first tee being the iterator itself when it can copy itself, and re-entry refused.
import itertools, sys, gc
a, b = itertools.tee(iter([1, 2, 3]))
print(list(a), list(b), type(a).__name__, sys.getsizeof(a), gc.is_tracked(a))
x = [object() for _ in range(3)]
t1, t2, t3 = itertools.tee(x, 3)
print(sys.getrefcount(x[0]), next(t1) is x[0], sys.getrefcount(x[0]), next(t2) is x[0], sys.getrefcount(x[0]))
r = gc.get_referents(t1)[0]
print(type(r).__name__, sys.getsizeof(r), gc.is_tracked(r), sys.getrefcount(r))
c = t1.__copy__(); print(next(c) is x[1], next(t1) is x[1])
del t1, t2, t3, c, r
print(sys.getrefcount(x[0]))
big = itertools.tee(range(200))
print(sum(big[0]), sum(1 for _ in big[1]))
u, v = itertools.tee(itertools.count())
print([next(u) for _ in range(60)][-1], next(v), itertools.tee([], 0), len(itertools.tee([1], 1)))
w1, w2 = itertools.tee(u)
print(next(w1), next(w2), next(u))
try:
    itertools.tee([1], -1)
except ValueError as e:
    print(e)
def gen():
    yield 1
    yield from it2
it2, it3 = itertools.tee(gen())
print(next(it2))
try:
    next(it2)
except RuntimeError as e:
    print(e)
import weakref
q, _ = itertools.tee('ab'); wr = weakref.ref(q); del q; print(wr())
