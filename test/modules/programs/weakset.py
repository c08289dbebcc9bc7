import weakref, gc
class N:
    def __init__(self, n): self.n = n
items = [N(i) for i in range(4)]
ws = weakref.WeakSet(items[:3])
ws.add(items[3])
print(len(ws), items[0] in ws, N(9) in ws, 5 in ws, sorted(x.n for x in ws))
del items[0]
print(len(ws))
ws.discard(items[0])
print(len(ws), sorted(x.n for x in ws))
c = N(7); c.me = c; ws.add(c); del c
print(len(ws), gc.collect(), len(ws))
print(ws.pop().n in (2, 3), len(ws))
ws.clear()
print(len(ws), repr(ws))
try:
    ws.pop()
except KeyError as e:
    print("KeyError:", e)
