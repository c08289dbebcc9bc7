# A class with __slots__ allocates what type_new does: the copied, sorted names list (a
# temporary), the ht_slots tuple it keeps, a member descriptor per slot; gen0's count shows it.
import gc, sys
for spec in ((), ('a',), ('a', 'b'), 'a', ['a', 'b'], ('a', '__dict__'), ('__weakref__',)):
    gc.collect()
    c0 = gc.get_count()[0]
    S = type('S', (), {'__slots__': spec})
    c1 = gc.get_count()[0]
    print(repr(spec), c1 - c0, sys.getsizeof(S()), sorted(k for k in vars(S) if not k.startswith('__') or k in ('__dict__', '__weakref__')))
