# Weak references and proxies print as CPython prints them: a proxy's repr names its referent's type (NoneType once dead), str() goes through to the referent, a ref to something with a __name__ shows it.
import weakref
class A: pass
a=A(); p=weakref.proxy(a)
print(repr(p)[:14], str(p)[:18])
def f(): pass
r=weakref.ref(f)
print(repr(r).split(";")[1].split(" at ")[0], repr(r).endswith("(f)>"))
r2=weakref.ref(A)
print(repr(r2).endswith("(A)>"))
del a
print(repr(p).split(" to ")[1].split(" at ")[0])
