# The classic two-node cycle: two objects that refer to each other. Reference
# counting cannot free them once the program drops its own names for them; only
# the cyclic garbage collector can. `npm start` runs this with --story.
import gc
import sys


class Node:
    def __init__(self, name):
        self.name = name
        self.partner = None


gc.collect()
a = Node("a")
b = Node("b")
a.partner = b
b.partner = a
print("refcounts while named:", sys.getrefcount(a) - 1, sys.getrefcount(b) - 1)
del a, b
print("collected by gc.collect():", gc.collect())
