# realistic: an LRU-ish object cache with weak values, a log buffer, and a task queue
import gc, sys, weakref, io
from collections import deque, defaultdict, Counter, namedtuple
from functools import lru_cache, wraps, partial, reduce
from itertools import islice, count, chain, accumulate, product

Task = namedtuple("Task", "id name prio")
log = io.StringIO()

def logged(fn):
    @wraps(fn)
    def inner(*a, **k):
        print("call", fn.__name__, a, file=log)
        return fn(*a, **k)
    return inner

class Resource:
    live = 0
    def __init__(self, key):
        self.key = key
        Resource.live += 1
    def __del__(self):
        Resource.live -= 1
        print("release", self.key, file=log)

cache = weakref.WeakValueDictionary()

@logged
def acquire(key):
    r = cache.get(key)
    if r is None:
        r = Resource(key)
        cache[key] = r
    return r

gc.collect()
queue = deque(maxlen=4)
ids = count(1)
for name, prio in product("ab", [2, 1]):
    queue.append(Task(next(ids), name, prio))
print(list(queue), len(queue))
held = [acquire(t.name) for t in queue]
print("live", Resource.live, len(cache), sys.getrefcount(held[0]))
del held
print("live after del", Resource.live, len(cache))
stats = Counter(t.name for t in queue)
by = defaultdict(list)
for t in queue:
    by[t.prio].append(t.id)
print(stats.most_common(), dict(by))
@lru_cache(maxsize=8)
def cost(n):
    return reduce(lambda a, b: a * b, range(1, n + 1), 1)
print([cost(i) for i in islice(chain([3, 4], count(5)), 4)], cost.cache_info())
print(list(accumulate(t.prio for t in queue)))
print(log.getvalue().count("\n"), log.getvalue().splitlines()[0])
ring = [Resource("cyc%d" % i) for i in range(3)]
for i, r in enumerate(ring):
    r.next = ring[(i + 1) % 3]
    cache[r.key] = r
del ring, r
print("cycle cached:", len(cache), gc.collect(), len(cache), Resource.live)
