import operator, sys, gc
from operator import itemgetter, attrgetter, methodcaller
print(operator.add(2, 3), operator.sub(5, 7), operator.mul("ab", 3), operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10))
print(operator.neg(5), operator.pos(-3), operator.abs(-4.5), operator.invert(5), operator.inv(0), operator.not_(0), operator.truth([1]))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq("a", "a"), operator.ne(1, 1), operator.gt(3, 1), operator.ge(1, 3))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.lshift(1, 5), operator.rshift(64, 2))
print(operator.is_(None, None), operator.is_not(1, None), operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"))
l = [1, 2, 3]
operator.setitem(l, 0, 10); operator.delitem(l, 1); print(l, operator.getitem(l, 1), operator.getitem("hello", slice(1, 3)))
x = [1]; y = operator.iadd(x, [2]); print(x, y is x, operator.iadd(1, 2), operator.concat([1], [2]), operator.index(7))
print(operator.add, operator.__add__ is operator.add, operator.itemgetter, operator.length_hint([1, 2]))
g = itemgetter(1); g2 = itemgetter(0, 2); g3 = itemgetter('name')
print(g, g2, g3, g([5, 6]), g2("abc"), g3({'name': 'x'}))
print(sys.getsizeof(g), sys.getsizeof(g2), gc.is_tracked(g), type(g).__name__, type(g).__module__)
class P:
    def __init__(self, name, age, child=None):
        self.name = name; self.age = age; self.child = child
    def greet(self, greeting, punct="!"):
        return f"{greeting}, {self.name}{punct}"
    def __repr__(self): return f"P({self.name})"
ps = [P("bob", 30), P("al", 25, P("kid", 3)), P("cy", 35)]
a = attrgetter('age'); a2 = attrgetter('name', 'child.name')
print(a, a2, sys.getsizeof(a), [a(p) for p in ps], a2(ps[1]))
print(sorted(ps, key=attrgetter('age')), max(ps, key=a), sorted([(1, 'b'), (0, 'z'), (1, 'a')], key=itemgetter(0)))
mc = methodcaller('greet', 'Hi', punct='?')
print(mc, mc(ps[0]), methodcaller('upper')('abc'), sys.getsizeof(mc), methodcaller('split', ',', 1))
data = {'b': 2, 'a': 3, 'c': 1}
print(sorted(data.items(), key=itemgetter(1)), list(map(itemgetter(0), data.items())))
key = 'k'
obj = [key]
before = sys.getrefcount(obj)
ig = itemgetter(obj)
print(sys.getrefcount(obj) - before)
del ig
print(sys.getrefcount(obj) - before)
errors = [lambda: itemgetter(), lambda: methodcaller(), lambda: attrgetter(1), lambda: itemgetter(5)([1]),
          lambda: attrgetter('zz')(ps[0]), lambda: attrgetter('child.name')(ps[0]), lambda: operator.add(1),
          lambda: operator.add(1, 'a'), lambda: operator.neg('s'), lambda: operator.indexOf([1], 5),
          lambda: operator.concat(1, 2), lambda: methodcaller('nope')(1), lambda: operator.index(1.5),
          lambda: g(), lambda: itemgetter('x')({})]
for f in errors:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
