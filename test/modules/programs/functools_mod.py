import functools, sys
from functools import lru_cache, wraps, partial, reduce, update_wrapper

class Big:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del Big", self.n)

@lru_cache(maxsize=2)
def make(n):
    return Big(n)

a = make(1)
print("refcount of cached result:", sys.getrefcount(a))
make(2)
make(1)
make(3)
print(make.cache_info())
del a
print("evict by clearing:")
make.cache_clear()
print(make.cache_info(), make.cache_info().currsize, tuple(make.cache_info()))
print(make.__wrapped__.__name__, make.__name__, make.__qualname__)

@lru_cache
def fact(n):
    "factorial"
    return n * fact(n - 1) if n else 1
print(fact(10), fact.cache_info(), fact.__doc__)

@functools.cache
def sq(x):
    return x * x
print(sq(3), sq(3), sq.cache_info())

def deco(f):
    @wraps(f)
    def inner(*a, **k):
        return f(*a, **k)
    return inner

@deco
def hello(name):
    """Say hello."""
    return "hello " + name
hello.extra = 1
print(hello("x"), hello.__name__, hello.__doc__, hello.__wrapped__ is not hello, hello.__module__)
def target(): pass
target.attr = "copied"
def w(): pass
update_wrapper(w, target)
print(w.__name__, w.attr, w.__wrapped__ is target)

p = partial(int, base=2)
print(p("101"), p.func is int, p.args, p.keywords)
q = partial(pow, 2)
print(q(10), partial(q, 3)())
print(reduce(lambda x, y: x * y, [1, 2, 3, 4]), reduce(lambda x, y: x + y, [], 7))
try:
    reduce(lambda x, y: x, [])
except TypeError as e:
    print("TypeError:", e)
print("end")
info = fact.cache_info()
h, m, mx, cur = info
print(type(info).__name__, isinstance(info, tuple), info == (0, 11, 128, 11), h, info.misses, info._fields, type(info).__module__)
