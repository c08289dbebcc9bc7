# The __main__ module's dict holds what CPython's runpy/pymain put there, in that order:
# __name__, __doc__, __package__, __loader__, __spec__, __annotations__, __builtins__,
# __file__, __cached__; __file__ and __cached__ are removed at shutdown, before atexit runs.
import sys, atexit

g = globals()
print([k for k in g][:9])
print(__name__, __doc__, __package__, __spec__, __annotations__, __cached__)
print(type(__loader__).__name__, __loader__.name)
print(__file__.endswith('main_globals.py'))
print(sys.getsizeof(g))
print(dir()[:9])
x: int = 3
print(__annotations__)

def at_exit():
    print('at exit:', '__file__' in g, '__cached__' in g, '__name__' in g)
atexit.register(at_exit)
