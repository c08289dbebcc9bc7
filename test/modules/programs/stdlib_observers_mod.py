import time, sys, gc, weakref
from abc import ABC, abstractmethod
from contextlib import contextmanager
from functools import lru_cache, wraps
from string import Template
from types import SimpleNamespace
import operator, itertools, math, random

class Observer(ABC):
    @abstractmethod
    def notify(self, event, data): ...

class Logger(Observer):
    def __init__(self): self.lines = []
    def notify(self, event, data): self.lines.append(f"{event}:{data}")

class Counter_(Observer):
    def __init__(self): self.n = 0
    def notify(self, event, data): self.n += 1

class Subject:
    def __init__(self): self._obs = weakref.WeakSet()
    def attach(self, o): self._obs.add(o)
    def emit(self, e, d):
        for o in sorted(self._obs, key=lambda o: type(o).__name__): o.notify(e, d)

def timed(fn):
    @wraps(fn)
    def inner(*a, **k):
        t0 = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            inner.elapsed = time.perf_counter() - t0
    return inner

@contextmanager
def section(name, log):
    log.append("enter " + name)
    try:
        yield SimpleNamespace(name=name, items=[])
    finally:
        log.append("exit " + name)

@lru_cache(maxsize=32)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)

@timed
def work(n):
    return sum(math.comb(n, k) for k in range(n + 1))

s = Subject(); lg = Logger(); ct = Counter_()
s.attach(lg); s.attach(ct)
for i in range(3): s.emit("tick", i)
print(lg.lines, ct.n, len(s._obs))
del ct; gc.collect()
s.emit("after", 1); print(len(s._obs), lg.lines[-1])
log = []
with section("load", log) as sec:
    sec.items.extend(itertools.islice(itertools.count(10, 5), 4))
print(log, sec, work(10), work.elapsed > 0, work.__name__)
print(fib(60), fib.cache_info())
t = Template("$who scored $pts points")
random.seed(5)
players = [SimpleNamespace(name=n, pts=random.randint(0, 100)) for n in "abcde"]
for p in sorted(players, key=operator.attrgetter("pts"), reverse=True)[:3]:
    print(t.substitute(who=p.name, pts=p.pts))
try:
    Observer()
except TypeError as e:
    print(e)
print(sys.getrefcount(lg) >= 2, type(s._obs).__name__)
