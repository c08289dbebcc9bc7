import itertools as it, sys, gc
from itertools import count, islice, chain, repeat, accumulate, takewhile, product, permutations, cycle, zip_longest
print(list(islice(count(), 5)), list(islice(count(10, 3), 2, 8, 2)), repr(count(2.5)), count(1, 3), count())
c = count(5); next(c); print(c, sys.getsizeof(c))
print(list(chain([1, 2], "ab", (3,))), list(chain.from_iterable([[1], [2, 3]])), list(chain()))
print(list(repeat("x", 3)), repeat(1), repeat("a", 2), list(zip(range(3), repeat(0))))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([1, 2], initial=100)))
print(list(takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(product("ab", [1, 2])), list(product([0, 1], repeat=2)), list(product()))
print(list(permutations([1, 2, 3])), list(permutations("abc", 2)), list(it.combinations(range(4), 2)))
print(list(islice(cycle("ab"), 5)), list(zip_longest([1, 2, 3], "ab", fillvalue="-")))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.compress("abcd", [1, 0, 1, 0])), list(it.filterfalse(None, [0, 1, 2])), list(it.pairwise("abcd")))
p = product([1, 2], [3])
a = next(p); print(sys.getrefcount(a)); b = next(p); print(a, b, a is b)
x = object()
r = repeat(x, 2)
print(sys.getrefcount(x))
del r
print(sys.getrefcount(x))
src = [object() for i in range(3)]
s = islice(src, 1)
print(sys.getrefcount(src), len(list(s)), sys.getrefcount(src))
print(type(chain()).__name__, type(count()), gc.is_tracked(count()), str(islice([], 1))[:27])
for bad in [lambda: islice([], -1), lambda: islice([], 1, 2, 0), lambda: islice([], "a"), lambda: permutations([1], -1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
import itertools, sys
from itertools import groupby
print([(k, list(g)) for k, g in groupby("aaabccdaa")])
print([(k, len(list(g))) for k, g in groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
g = groupby("aabb")
k1, g1 = next(g)
k2, g2 = next(g)
print(k1, list(g1), k2, list(g2), type(g1).__name__, sys.getsizeof(g), sys.getsizeof(g2))
print(list(groupby([])), [k for k, _ in groupby("xxyz")])
cwr = itertools.combinations_with_replacement
print(list(cwr([], 2)), list(cwr('ab', 0)), list(cwr(range(3), 3)), list(cwr('abc', 2)))
print(gc.is_tracked(cwr('ab', 1)), [sys.getrefcount(t) for t in cwr('ab', 1)])
try:
    cwr('ab')
except TypeError as e:
    print(e)
try:
    cwr('ab', -1)
except ValueError as e:
    print(e)
# Sizes that grow with the arguments (the indices arrays of itertoolsmodule.c).
for r in (0, 1, 2, 3, 5):
    print(r, sys.getsizeof(it.combinations(range(6), r)), sys.getsizeof(it.combinations_with_replacement(range(6), r)),
          sys.getsizeof(it.permutations(range(6), r)), sys.getsizeof(it.permutations(range(r))))
for k in (1, 2, 3):
    print('product', k, sys.getsizeof(it.product(*([range(2)] * k))), sys.getsizeof(it.product(range(2), repeat=k)))
