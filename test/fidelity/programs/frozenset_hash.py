# hash() of frozensets: order-independent, equal for equal sets, usable as dict keys and set members
fs = frozenset([5, 6, 7])
print(hash(fs), hash(frozenset([7, 6, 5])) == hash(fs), hash(frozenset()))
print(hash(frozenset(["a", "b"])) == hash(frozenset("ba")), hash(frozenset([(1, 2), 3.5, True])))
d = {frozenset({1, 2}): "x"}
print(d[frozenset([2, 1])], frozenset({1}) in {frozenset({1}), 2})
