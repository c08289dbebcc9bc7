# The builtin types' protocol dunders are methods (slot wrappers): super().__setitem__ from a dict subclass, list.__len__, int.__add__; a subclass's own __len__/__contains__ wins over the base's.
class D(dict):
    def __setitem__(self, k, v):
        print('set', k)
        super().__setitem__(k, v)
    def __getitem__(self, k):
        return super().__getitem__(k) * 2
d = D()
d['a'] = 1
print(d['a'], dict.__getitem__(d, 'a'), len(d))
class L(list):
    def append(self, x):
        super().append(x * 10)
    def __len__(self):
        return super().__len__() + 100
l = L(); l.append(1)
print(l, len(l), list.__len__(l))
print(int.__add__(1, 2), str.__len__('abc'), hasattr(dict, '__getitem__'), (3).__mul__(4), 'x'.__add__('y'))
class C(list):
    def __contains__(self, x): return x == 'always'
print('always' in C(), 1 in C([1]), len(C([1, 2])))
