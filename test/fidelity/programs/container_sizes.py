# Sizes of generators, comprehensions and containers built every common way.
import sys
def g1():
    yield 1
def g2(a, b, c):
    x = a + b
    for i in range(c):
        yield (i, x, [i, i, i], {'k': i})
def g3():
    try:
        with open('x') as f:
            yield f
    except Exception:
        pass
def g4(*args, **kw):
    yield from args
class K:
    def gen(self):
        yield from (self, self)
print(sys.getsizeof(g1()), sys.getsizeof(g2(1, 2, 3)), sys.getsizeof(g3()), sys.getsizeof(g4()), sys.getsizeof(K().gen()))
print(sys.getsizeof((x for x in [])), sys.getsizeof((x * y for x in range(3) for y in range(3) if x)))
print(sys.getsizeof([x for x in range(100)]), sys.getsizeof(list(range(100))), sys.getsizeof([0] * 100))
print(sys.getsizeof({x for x in range(10)}), sys.getsizeof({x: x for x in range(10)}), sys.getsizeof(dict.fromkeys(range(10))))
print(sys.getsizeof(tuple(range(10))), sys.getsizeof(tuple(x for x in range(10))))
l = []
for i in range(17): l.insert(0, i)
print(sys.getsizeof(l))
l2 = list(range(20)); del l2[2:18]; print(sys.getsizeof(l2))
l3 = [1, 2, 3] * 5; print(sys.getsizeof(l3))
l4 = [1] + [2] * 9; print(sys.getsizeof(l4))
l5 = list(range(10)); l5.extend([1] * 3); print(sys.getsizeof(l5))
l6 = list(range(5)); l6 += l6; print(sys.getsizeof(l6))
l7 = sorted(range(12)); print(sys.getsizeof(l7))
l8 = list(reversed(range(9))); print(sys.getsizeof(l8))
l9 = [*range(6), *range(6)]; print(sys.getsizeof(l9))
l10 = list('abcdefg'); print(sys.getsizeof(l10))
l11 = 'a b c d e f g h'.split(); print(sys.getsizeof(l11))
l12 = list(map(str, range(7))); print(sys.getsizeof(l12))
l13 = list({1: 2, 3: 4}); print(sys.getsizeof(l13))
l14 = [i for i in range(9)]; l14.clear(); print(sys.getsizeof(l14))
l15 = list(range(30)); l15[5:25] = []; print(sys.getsizeof(l15))
d1 = {}; d1.update(zip('abcdefghijkl', range(12))); print(sys.getsizeof(d1))
d2 = dict(zip(range(7), range(7))); print(sys.getsizeof(d2))
d3 = {**d2, 'x': 1}; print(sys.getsizeof(d3))
d4 = d2.copy(); print(sys.getsizeof(d4))
d5 = dict(d1); print(sys.getsizeof(d5))
d6 = {i: i for i in range(100)}; [d6.pop(i) for i in range(90)]; print(sys.getsizeof(d6)); d6['new'] = 1; print(sys.getsizeof(d6))
