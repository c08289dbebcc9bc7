# Sets and dict key views compare as sets: subset, superset, equality by value.
d = {'a': 1, 'b': 2}
print(d.keys() >= {'a'}, d.keys() == {'a', 'b'}, {'a'} < d.keys(), d.keys() <= {'a'}, d.keys() != {'b', 'a'}, {1, 2} == {2, 1}, {1} < {1, 2}, {1, 2} >= {2})
class V:
    pass
print(sorted(k for k in vars(V) if k.startswith('__w') or k == '__doc__'), V.__dict__.keys() >= {'__module__'})
