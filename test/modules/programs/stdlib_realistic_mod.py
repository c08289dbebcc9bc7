# A small event-driven inventory simulation using the stdlib modules realistic programs import.
import copy, gc, heapq, math, random, sys
from bisect import insort
from collections import defaultdict
from dataclasses import dataclass, field
from enum import Enum, auto
from functools import total_ordering
from operator import attrgetter, itemgetter
from typing import Dict, List, Optional

class Kind(Enum):
    RESTOCK = auto()
    ORDER = auto()
    AUDIT = auto()

@dataclass(order=True)
class Event:
    time: float
    seq: int
    kind: Kind = field(compare=False)
    payload: dict = field(default_factory=dict, compare=False)

@dataclass
class Product:
    sku: str
    price: float
    stock: int = 0
    history: List[int] = field(default_factory=list)

class Warehouse:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.products: Dict[str, Product] = {}
        self.queue: List[Event] = []
        self.seq = 0
        self.revenue = 0.0
        self.log = defaultdict(int)
        self.prices: List[float] = []

    def schedule(self, t: float, kind: Kind, **payload):
        self.seq += 1
        heapq.heappush(self.queue, Event(t, self.seq, kind, payload))

    def run(self, until: float):
        while self.queue and self.queue[0].time <= until:
            ev = heapq.heappop(self.queue)
            getattr(self, "on_" + ev.kind.name.lower())(ev)
            self.log[ev.kind] += 1

    def on_restock(self, ev):
        p = self.products[ev.payload["sku"]]
        p.stock += ev.payload["qty"]
        p.history.append(p.stock)
        self.schedule(ev.time + self.rng.expovariate(0.5), Kind.RESTOCK, sku=p.sku, qty=self.rng.randint(5, 15))

    def on_order(self, ev):
        p = self.products[self.rng.choice(sorted(self.products))]
        qty = self.rng.randint(1, 4)
        if p.stock >= qty:
            p.stock -= qty
            self.revenue += qty * p.price
            insort(self.prices, round(qty * p.price, 2))
        self.schedule(ev.time + self.rng.uniform(0.1, 1.5), Kind.ORDER)

    def on_audit(self, ev):
        snap = copy.deepcopy(self.products)
        total = math.fsum(p.stock * p.price for p in snap.values())
        print(f"audit t={ev.time:.2f} value={total:.2f} skus={len(snap)}")

w = Warehouse(7)
for i, (sku, price) in enumerate([("apple", 0.5), ("pear", 0.75), ("fig", 2.25)]):
    w.products[sku] = Product(sku, price)
    w.schedule(i * 0.3, Kind.RESTOCK, sku=sku, qty=10)
w.schedule(0.05, Kind.ORDER)
for t in (5.0, 10.0, 15.0):
    w.schedule(t, Kind.AUDIT)
w.run(20.0)
print({k.name: v for k, v in sorted(w.log.items(), key=lambda kv: kv[0].value)})
print(f"revenue={w.revenue:.2f}", len(w.prices), w.prices[:5], w.prices[-3:])
best = max(w.products.values(), key=attrgetter("stock"))
print(best.sku, best.stock, sorted(((p.sku, p.stock) for p in w.products.values()), key=itemgetter(1)))
print(heapq.nsmallest(3, w.prices), heapq.nlargest(2, w.prices), math.isqrt(len(w.prices)), round(math.sqrt(w.revenue), 4))
print(len(w.queue), sys.getrefcount(w.products["apple"]), gc.collect())
