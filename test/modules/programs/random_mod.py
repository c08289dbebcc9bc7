import random
random.seed(42)
print(random.random(), random.random())
print(random.randint(1, 100), random.randrange(10), random.randrange(0, 100, 7), random.choice("abcdef"), random.uniform(1, 5))
l = list(range(20)); random.shuffle(l); print(l)
print(random.sample(range(100), 10), random.sample(['a', 'b', 'c', 'd'], 2), random.sample(range(10000), 8))
print(random.choices(['x', 'y', 'z'], k=5), random.choices(['x', 'y', 'z'], weights=[1, 5, 1], k=6), random.choices(range(5), cum_weights=[1, 2, 3, 4, 5], k=3))
print(random.getrandbits(8), random.getrandbits(32), random.getrandbits(100), random.getrandbits(0))
for s in [0, 1, 12345, 2**40 + 7, -5, 2**100, 3.5]:
    random.seed(s); print(s, random.random(), random.randint(0, 10**12))
random.seed("hello"); print(random.random())
random.seed(b"bytes"); print(random.random())
r = random.Random(7); r2 = random.Random(7)
print(r.random() == r2.random(), r.randint(1, 6), [r.randint(1, 6) for _ in range(20)])
st = r.getstate(); a = [r.random() for _ in range(3)]; r.setstate(st); b = [r.random() for _ in range(3)]; print(a == b, a)
random.seed(2024)
print(random.gauss(0, 1), random.gauss(10, 2), random.normalvariate(0, 1), random.expovariate(1.5), random.triangular(0, 10, 3), random.lognormvariate(0, 0.5))
print(random.betavariate(2, 3), random.gammavariate(2.5, 1.0), random.gammavariate(0.5, 1.0), random.paretovariate(3), random.weibullvariate(1, 2), random.vonmisesvariate(1, 4))
random.seed(99)
dice = [random.randint(1, 6) for _ in range(1000)]
print([dice.count(i) for i in range(1, 7)], sum(dice))
print(random.random.__name__, type(random.Random()).__name__)
class Fixed(random.Random):
    def random(self): return 0.25
f = Fixed(); print(f.random(), f.choice([1, 2, 3, 4]), f.randrange(8))
errors = [lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randrange(5, 2), lambda: random.sample({1, 2}, 1),
          lambda: random.sample([1, 2], 3), lambda: random.randint(1.5, 3), lambda: random.seed([1]), lambda: random.getrandbits(-1),
          lambda: random.randrange(1, 10, 0), lambda: random.choices([1, 2], [1], k=1)]
for f in errors:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
