import bisect, sys
from bisect import bisect_left, bisect_right, insort, insort_left
a = [1, 2, 4, 4, 4, 7, 9]
print(bisect.bisect(a, 4), bisect_left(a, 4), bisect_right(a, 4), bisect_left(a, 0), bisect_right(a, 10), bisect_left(a, 4, 4), bisect_left(a, 4, 0, 2), bisect_right(a, 4, hi=4))
def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
l = []
for x in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    insort(l, x)
print(l, sys.getsizeof(l))
insort_left(l, 5); print(l)
recs = [('alice', 30), ('bob', 25), ('carol', 35)]
recs.sort(key=lambda r: r[1])
print(bisect_left(recs, 30, key=lambda r: r[1]), bisect_right(recs, 30, key=lambda r: r[1]))
bisect.insort(recs, ('dave', 28), key=lambda r: r[1]); print(recs)
class L(list):
    def insert(self, i, x):
        print("insert", i, x); super().insert(i, x)
ll = L([1, 3]); insort(ll, 2); print(ll)
print(bisect.bisect, bisect.insort, bisect.bisect_left)
print(bisect_left("acegi", "d"), bisect_right((1, 2, 3), 2), bisect_left(range(0, 100, 5), 42))
errors = [lambda: bisect_left(a, 1, -1), lambda: bisect_left(5, 1), lambda: bisect_left(a), lambda: bisect_left([1, 'a'], 2),
          lambda: insort((1, 2), 3), lambda: bisect_left(a, 1, 0, 2, 3)]
for f in errors:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
