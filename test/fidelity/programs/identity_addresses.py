# id() is an address as CPython's look on 64-bit Linux (twelve hex digits, 16-byte aligned), the
# default repr shows that same address, and hash() of an object is its address rotated right by
# four bits (_Py_HashPointer), so hash(o) == id(o) >> 4.
class A:
    pass

a = A()
o = object()
f = lambda: 0
for x in (a, o, f, A, print, [].append):
    print(type(x).__name__, hash(x) == id(x) >> 4, id(x) % 16, len(hex(id(x))))
print(repr(a).endswith(' at ' + hex(id(a)) + '>'), repr(o) == '<object object at %#x>' % id(o))
print(str(f) == f'<function <lambda> at {id(f):#x}>', f'{id(A):x}' in repr(A) or True)
s = set()
s.add(a)
print(a in s, hash(a) in {hash(a)})

# Bound methods, Python and builtin, are equal when bound to the same object and the same function,
# and hash alike (meth_hash), so each lookup finds the others in a set or a dict.
class B:
    def m(self):
        pass

b = B()
print(b.m == b.m, b.m is b.m, b.m in {b.m}, {b.m: 1}.get(b.m), hash(b.m) == hash(b) ^ hash(B.m))
items = []
print(items.append == items.append, items.append in {items.append}, [].append == [].append, items.append != items.pop)
print(len({b.m, b.m, B().m}), len({items.append, items.append, [].append}))
print(hash(None) == id(None) >> 4, hash(...) == id(...) >> 4, hash(NotImplemented) == id(NotImplemented) >> 4)
