from collections import defaultdict, OrderedDict, Counter
d = defaultdict(list)
d["a"].append(1)
d["a"].append(2)
d["b"]
print(d, d.default_factory, len(d), "c" in d, d.get("c"), isinstance(d, dict))
try:
    defaultdict(None)["x"]
except KeyError as e:
    print("KeyError:", e)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError:", e)
dd = defaultdict(int, {"x": 1})
dd["y"] += 2
print(dd, dd.copy(), type(dd.copy()).__name__)
o = OrderedDict()
o["z"] = 1; o["a"] = 2; o["m"] = 3
o.move_to_end("z")
print(o, list(o), o.popitem(), o.popitem(last=False), o)
o.move_to_end("m", last=False)
print(OrderedDict(), OrderedDict([(1, 2)]) == {1: 2})
c = Counter("abracadabra")
print(c, c["a"], c["zz"], c.most_common(2), c.total(), sorted(c.elements())[:4])
c.update("aaz"); c.subtract({"b": 5})
print(c, Counter(a=3, b=1) + Counter(a=1, c=2), Counter(a=3) - Counter(a=1, b=2), Counter())
