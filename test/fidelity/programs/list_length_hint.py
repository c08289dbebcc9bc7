# list sizes from iterators: the room made is the length hint (the items left for builtin iterators, 8 otherwise), filled before list_resize runs, then cut back.
import sys
for n in (0, 1, 2, 5, 9, 13, 17):
    print(n, sys.getsizeof(list(reversed(range(n)))), sys.getsizeof(list(iter(range(n)))), sys.getsizeof(list(reversed([0] * n))), sys.getsizeof(list(x for x in range(n))), sys.getsizeof(list(iter('a' * n))), sys.getsizeof(list(iter({i: i for i in range(n)}))), sys.getsizeof(list(map(int, range(n)))))
l = [1, 2, 3]; l.extend(iter(range(10))); print(sys.getsizeof(l))
l = [1, 2, 3]; l.extend(x for x in range(10)); print(sys.getsizeof(l))
l = []; l.extend(reversed([1, 2, 3, 4, 5])); print(sys.getsizeof(l))
print(sys.getsizeof(sorted(iter(range(11)))), sys.getsizeof(sorted(x for x in range(11))))
