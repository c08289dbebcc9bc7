# array.array: the buffer's growth as sys.getsizeof shows it (appends, exact initializers, pops that shrink
# it), the typecodes' range checks and messages, and the sequence operations.
import array, sys, gc
a = array.array('i'); print(sys.getsizeof(a), gc.is_tracked(a))
s = []
for i in range(20):
    a.append(i); s.append(sys.getsizeof(a))
print(s)
b = array.array('d', range(10)); print(sys.getsizeof(b), b.itemsize, b.typecode, len(b), b[3], b[-1], b[2:4], b.tolist()[:3])
c = array.array('i', [1, 2, 3]); print(c, repr(c), c * 2, c + c, sys.getsizeof(c))
c.extend([4, 5]); print(sys.getsizeof(c)); c.pop(); print(c, c.index(2), c.count(1), 2 in c, list(reversed(c)))
print(array.array('u', 'hi'), array.typecodes, sys.getsizeof(array.array('q', range(100))))
for code, v in [('b', 128), ('B', -1), ('I', -1), ('i', 1.5), ('d', 'x'), ('u', 'ab')]:
    try:
        array.array(code, [v])
    except (TypeError, OverflowError) as e:
        print(code, type(e).__name__, e)
try:
    array.array('z')
except ValueError as e:
    print(e)
print(type(iter(c)).__name__, sys.getsizeof(array.array('i', range(1000))))
a2 = array.array('i', range(5)); a2[1] = 9; del a2[0]; print(a2, a2 == array.array('i', [9, 2, 3, 4]), a2.buffer_info()[1])
print(array.array('f', [0.1]), array.array('d', [1, 2.5]), array.array('i'), array.array('u'), c < array.array('i', [1, 3]), c == [1, 2])
x = array.array('l', [1, 2]); y = x; print(sys.getrefcount(x), gc.get_referents(x) == [array.array])
for _ in range(40):
    x.pop() if len(x) > 1 else x.append(7)
big = array.array('i', range(100))
while len(big) > 3:
    big.pop()
print(sys.getsizeof(big), sum(array.array('i', range(10))), max(array.array('d', [1.5, 2.5])))
a = array.array("i", [1, 2])
print(sys.getrefcount(a))
for v in a: pass
it = iter(a)
print(sys.getrefcount(a), sys.getsizeof(it))
del it
print(sys.getrefcount(a))
