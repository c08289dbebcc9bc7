# gen0's count across the first uses that allocate for good: the first print() makes its keyword
# tuple, the first repr of a container makes Py_ReprEnter's thread-state dict and list; object()
# instances are not GC objects and leave the count alone.
import gc
gc.collect()
print(gc.get_count())
print(gc.get_count())
print([1, 2], gc.get_count())
print(gc.get_count())
x = object()
sentinels = [object() for _ in range(10)]
print(gc.get_count())
del sentinels
print(gc.get_count(), gc.is_tracked(x))
gc.collect()
print({'a': 1}, {3}, (4,), gc.get_count())
