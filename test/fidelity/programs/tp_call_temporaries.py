# The temporaries of CPython's slow call path, seen in gen0's count after a full collection
# (which empties the tuple and dict free lists): a type without vectorcall (str, int, zip,
# object, slice, a class) gets a fresh argument tuple and, with keywords, a dict; so does a
# METH_VARARGS builtin (max, min, vars, str.format, str.find, dict.update, set.union,
# sys.getsizeof) and an explicit __new__; a Python __init__ reached with keywords gets a names
# tuple. Types with vectorcall (list, dict, tuple, float, enumerate, map...) take none.
# enumerate and zip keep a result tuple they refill, zip and map hold their iterators in a
# tuple, the slice cache hands out its one slice uncounted, and a failed module attribute
# lookup builds and drops an AttributeError. An Argument Clinic function called with keywords
# for the first time makes its parser's keyword tuple, for good.
import gc
import io
import itertools
import sys

def count(label, f):
    gc.collect()
    keep = f()
    print(label, gc.get_count(), type(keep).__name__)

count('str', lambda: str(1))
count('str twice', lambda: (str(1), str(2)))
count('int', lambda: int("7"))
count('int base kw', lambda: int("7", base=10))
count('float', lambda: float("1.5"))
count('list', lambda: list((1, 2)))
count('tuple', lambda: tuple([1, 2]))
count('dict', lambda: dict(a=1))
count('max', lambda: max(1, 2))
count('min list', lambda: min([3, 4]))
count('vars', lambda: vars(sys))
count('getsizeof', lambda: sys.getsizeof(1))
count('format', lambda: "{} {}".format(1, 2))
count('find', lambda: "abc".find("b"))
count('union', lambda: {1}.union({2}))
count('object', lambda: object())
count('slice', lambda: slice(1, 2))
count('two slices', lambda: (slice(1, 2), slice(3, 4)))
count('subscript slice', lambda: [1, 2, 3][1:2])
count('complex', lambda: complex(1, 2))
count('bytes', lambda: bytes(2))
count('enumerate', lambda: enumerate([]))
count('zip', lambda: zip([1], [2]))
count('map', lambda: map(str, [1]))
count('sorted key', lambda: sorted([2, 1], key=None))
count('sorted key again', lambda: sorted([2, 1], key=None))
count('sum start', lambda: sum([1], start=0))
count('split sep', lambda: "a b".split(sep=" "))
count('to_bytes', lambda: (5).to_bytes(2, byteorder="big"))
count('bytes find', lambda: b"abc".find(b"b"))
count('chain', lambda: itertools.chain([1, 2], (3,)))
count('StringIO __exit__', lambda: io.StringIO().__exit__(None, None, None))
count('getattr miss', lambda: getattr(gc, "nothing", 1))
count('hasattr miss', lambda: hasattr(gc, "nothing"))

class Plain:
    def __init__(self, a=1):
        self.a = a

class WithNew:
    def __new__(cls, a=1):
        return object.__new__(cls)

count('class positional', lambda: Plain(2))
count('class keyword', lambda: Plain(a=2))
count('class __new__ keyword', lambda: WithNew(a=2))
count('staticmethod', lambda: staticmethod(len))

def annotated(a: int, b: str = "x") -> None:
    pass

count('classmethod', lambda: classmethod(annotated))
print(sorted(annotated.__annotations__), sorted(classmethod(annotated).__dict__))

pairs = ['a', 'b', 'c']
gc.collect()
for i, x in enumerate(pairs):
    print(i, x, gc.get_count())
e = enumerate(pairs)
first = next(e)
second = next(e)
print(first, second, first is second, sys.getrefcount(first), len(gc.get_referents(e)))
z = zip(pairs, pairs)
a = next(z)
del a
b = next(z)
print(b, len(gc.get_referents(z)), [type(r).__name__ for r in gc.get_referents(map(len, pairs))])

# A class with __getattr__: the generic lookup's AttributeError is built and dropped first.
class Fallback:
    def __getattr__(self, name):
        if name == 'missing':
            raise AttributeError(name)
        return len(name)

fb = Fallback()
count('__getattr__', lambda: fb.anything)
count('__getattr__ default', lambda: getattr(fb, 'missing', None))

# namedtuple() asks sys._getframe(1) for its module, which makes __main__'s frame object: a
# traceback through this frame later allocates one object fewer.
from collections import namedtuple
Pair = namedtuple('Pair', 'a b')
print(Pair.__module__, Pair(1, 2))
gc.collect()
try:
    {}['missing']
except KeyError:
    after = gc.get_count()
print('KeyError after namedtuple', after)
