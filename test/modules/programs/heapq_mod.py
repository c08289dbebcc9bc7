import heapq, sys
from heapq import heappush, heappop, heapify, heapreplace, heappushpop, nlargest, nsmallest, merge
h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3, 0, 6, 4]:
    heappush(h, x)
    print(h)
print([heappop(h) for _ in range(5)], h)
print(heapreplace(h, 10), h, heappushpop(h, 1), h, heappushpop(h, 100), h)
data = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 15, 12, 11, 14, 13]
heapify(data); print(data)
big = [(i * 7919) % 5003 for i in range(3000)]
heapify(big); print(big[:40], big[-10:], sum(i * v for i, v in enumerate(big)))
for _ in range(10): heappop(big)
print(big[:20], len(big))
print(nlargest(3, [5, 1, 8, 3, 9, 2]), nsmallest(3, [5, 1, 8, 3, 9, 2]), nlargest(2, ['bb', 'a', 'ccc'], key=len), nsmallest(0, [1]), nlargest(10, [3, 1]))
print(list(merge([1, 4, 7], [2, 5, 8], [3, 6, 9])), list(merge([1, 3], [], [2])), list(merge(['a', 'bbb'], ['cc'], key=len)), list(merge([7, 4, 1], [8, 2], reverse=True)))
tasks = []
heappush(tasks, (2, 'write')); heappush(tasks, (1, 'read')); heappush(tasks, (3, 'exec')); heappush(tasks, (1, 'alpha'))
print(tasks, heappop(tasks), tasks)
class Job:
    def __init__(self, p, name): self.p = p; self.name = name
    def __lt__(self, other): return self.p < other.p
    def __repr__(self): return f"Job({self.p},{self.name})"
jq = []
for i, p in enumerate([5, 1, 4, 1, 5, 9, 2, 6]): heappush(jq, Job(p, i))
print(jq); print([heappop(jq) for _ in range(3)])
obj = object()
hh = [1, 2]
base = sys.getrefcount(obj)
heappush(hh, obj) if False else None
hl = []
heappush(hl, obj); print(sys.getrefcount(obj) - base); x = heappop(hl); print(sys.getrefcount(obj) - base, hl); del x
print(sys.getrefcount(obj) - base)
hp = [3, 4, 5]; print(sys.getsizeof(hp)); heappush(hp, 1); print(sys.getsizeof(hp), hp); heappop(hp); heappop(hp); heappop(hp); print(sys.getsizeof(hp), hp)
print(heapq.heappush, heapq.merge.__name__, heapq.__all__)
errors = [lambda: heappop([]), lambda: heapreplace([], 1), lambda: heappush((), 1), lambda: heappop(5), lambda: heapify({}),
          lambda: heappush([1, 'a'], 2), lambda: heappush([], 1, 2), lambda: heappush([1], 'x'), lambda: heappushpop([], 3)]
for f in errors:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
