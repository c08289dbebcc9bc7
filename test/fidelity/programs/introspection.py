# Introspection a memory debugger's users reach for: code object fields, generator state, and the sizes of iterators, callables, descriptors and small objects.
import sys
def f(a, b=2, *args, c, d=4, **kw):
    x = 1
    def inner(): return a + x
    return inner
code = f.__code__
print(code.co_argcount, code.co_kwonlyargcount, code.co_nlocals, code.co_varnames, code.co_cellvars, code.co_freevars)
print(code.co_name, code.co_filename.endswith('.py'), code.co_firstlineno, code.co_stacksize, code.co_flags)
print(f(1, c=3).__code__.co_freevars, f.__defaults__, f.__kwdefaults__, f.__name__, f.__qualname__)
print(sys.getsizeof(code) > 0, type(code).__name__, code.co_consts[:1])
def gen():
    yield 1
g = gen()
print(g.gi_running, g.gi_code.co_name, sys.getsizeof(g))
lst = [1, 2, 3]
it = iter(lst)
print(sys.getrefcount(lst), next(it), sys.getsizeof(it))
print(sys.getsizeof(iter({})), sys.getsizeof(iter(set())), sys.getsizeof(iter('ab')), sys.getsizeof(iter(range(3))))
print(sys.getsizeof(enumerate([])), sys.getsizeof(zip()), sys.getsizeof(map(str, [])), sys.getsizeof(reversed([])))
print(sys.getsizeof(f), sys.getsizeof(print), sys.getsizeof([].append), sys.getsizeof(object()), sys.getsizeof(type))
print(sys.getsizeof(1j), sys.getsizeof(True), sys.getsizeof(None), sys.getsizeof(...), sys.getsizeof(NotImplemented))
print(sys.getsizeof(2**30), sys.getsizeof(2**60), sys.getsizeof(-1), sys.getsizeof(0), sys.getsizeof(10**18))
print(sys.getsizeof(property()), sys.getsizeof(staticmethod(f)), sys.getsizeof(super))
print(sys.getsizeof(ValueError()), sys.getsizeof(ValueError('x', 'y')), sys.getsizeof({}.keys()), sys.getsizeof(bytearray()))
