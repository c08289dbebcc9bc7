# itertools, functools and collections as realistic programs use them; OrderedDict.fromkeys makes an OrderedDict.
import itertools, functools, collections, sys
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.chain.from_iterable([[1], [2, 3]])), list(itertools.product('ab', repeat=2))[:3])
print(list(itertools.groupby('aabbbc')) and [(k, len(list(g))) for k, g in itertools.groupby('aabbbc')])
print(list(itertools.combinations(range(4), 2))[:4], list(itertools.permutations('abc', 2))[:3], list(itertools.zip_longest('ab', 'xyz', fillvalue='-')))
print(list(itertools.takewhile(lambda x: x < 3, range(10))), list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.compress('abcd', [1, 0, 1, 0])))
print(list(itertools.islice(itertools.count(10, 5), 3)), list(itertools.islice(itertools.cycle('xy'), 5)), list(itertools.repeat('z', 3)))
print(functools.reduce(lambda a, b: a * b, range(1, 6)), functools.partial(int, base=2)('101'))
@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) > V(2), max([V(5), V(9)]).v)
@functools.lru_cache(maxsize=2)
def sq(n): return n * n
[sq(i) for i in (1, 2, 1, 3, 1)]
print(sq.cache_info())
dq = collections.deque(maxlen=3)
for i in range(5): dq.append(i)
dq.appendleft(-1); dq.rotate(1)
print(dq, dq.maxlen, list(reversed(dq)))
cnt = collections.Counter('abracadabra')
print(cnt.most_common(2), cnt['z'], (cnt + collections.Counter('aaz')).most_common(1), sorted(cnt.elements())[:4])
dd = collections.defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]: dd[k].append(v)
print(dict(dd), dd.default_factory.__name__)
Pt = collections.namedtuple('Pt', ['x', 'y'], defaults=[0])
p = Pt(1)
print(p, p._fields, Pt._make([5, 6]), p._asdict(), sys.getsizeof(p))
od = collections.OrderedDict.fromkeys('abc')
od.move_to_end('a'); od.popitem(last=False)
print(od, list(od.keys()))
print(cm['a'], cm['b'], len(cm)) if cm else print('nochain')
