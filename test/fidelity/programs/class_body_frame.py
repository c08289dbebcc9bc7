# A class body runs as a call of its function: the frame holds the namespace (one reference
# more while the body runs), its COPY_FREE_VARS takes the enclosing function's cells (free
# variables read with LOAD_CLASSDEREF), a NameError there suggests no names from the
# namespace, and zero-argument super() in it has no arguments.
import sys

class K:
    print(sys.getrefcount(locals()))
    ns = locals()
    print(sys.getrefcount(ns))
    del ns

def make(v, w):
    marker = [v]
    class Inner:
        a = v + 1
        b = [w, a]
        def get(self):
            return v, marker
        c = sys.getrefcount(marker)
    return Inner

I = make(1, 'x')
print(I.a, I.b, I.c, I().get())
print(sorted(k for k in vars(I) if not k.startswith('__')))

def shadow(v):
    class S:
        v = 5
        u = v
    return S
print(shadow(1).u)

try:
    class E:
        abcdef = 1
        print(abcdeg)
except NameError as e:
    print('NameError:', e)

def outer():
    class T:
        try:
            super()
        except RuntimeError as e:
            print('RuntimeError:', e)
    return T
outer()

class W:
    def m(*args):
        return super()
try:
    W().m()
except RuntimeError as e:
    print('RuntimeError:', e)
