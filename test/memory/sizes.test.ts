import { describe, expect, it } from 'vitest';
import {
  FIXED_SIZES, OBJECT_BASE, StrKind, bytearraySize, bytesSize, classLayout, frameObjectSize, generatorSize,
  heapTypeSize, instanceSize, intSize, isGcType, listSize, strKind, strLength, strSize, strSubclassSize,
  tupleSize, STATIC_TYPE_SIZE, BUILTIN_BASES, DictTable, SetTable, type BaseLayout,
} from '../../packages/engine/src/memory/index.js';
import { hasPython311, pySizes, runPython, skipMessage } from './python.js';

/** Pairs of (python expression, our prediction), checked against python3 in one run. */
const cases: Array<[string, number]> = [];
const add = (expr: string, ours: number) => cases.push([expr, ours]);

for (const v of [0n, 1n, -1n, 2n ** 30n - 1n, 2n ** 30n, -(2n ** 30n), 2n ** 60n - 1n, 2n ** 60n, 2n ** 90n, 10n ** 100n, 2n ** 1000n]) {
  add(`${v}`, intSize(v));
}
for (const v of [0, 5, -7, 2 ** 31, 2 ** 53, -(2 ** 59)]) add(`${v}`, intSize(v));
add('True', intSize(1));
add('False', intSize(0));

const strs = ['', 'a', 'a'.repeat(10), 'é', 'é'.repeat(10), '€', '€'.repeat(10), '😀', '😀'.repeat(10), 'a€', 'é😀', '\ud800'];
for (const s of strs) add(`${JSON.stringify(s).replace(/\\ud800/g, '\\ud800')}`, strSize(s));

for (const n of [0, 1, 10, 100]) add(`bytes(${n})`, bytesSize(n));
add('bytearray()', bytearraySize(0));
add("bytearray(b'abc')", bytearraySize(4));
for (const n of [0, 1, 2, 10]) add(`tuple(range(${n}))`, tupleSize(n));
add('[]', listSize(0));

const py = `
class Plain: pass
class S2: __slots__ = ('a', 'b')
class S0: __slots__ = ()
class SW: __slots__ = ('__weakref__',)
class SD: __slots__ = ('a', '__dict__', '__weakref__')
class Sub(S2): pass
class Sub2(Sub): __slots__ = ('d',)
class EX(Exception): pass
class EXS(Exception): __slots__ = ('x',)
class I(int): pass
class T(tuple): pass
class L(list): pass
class Str(str): pass
class PlainSub(Plain): pass
class Meta(type): pass
def g():
    yield 1
def g10(a, b, c, d, e, f, h, i, j, k):
    x = yield a + b
def fr(a, b):
    c = 1
    return sys._getframe()
`;
const objLayout = (slots: string[] | null, base: BaseLayout = OBJECT_BASE) => classLayout(base, slots);
const plain = objLayout(null);
const s2 = objLayout(['a', 'b']);
const sub = classLayout(s2, null);
const sub2 = classLayout(sub, ['d']);
add('Plain()', instanceSize(plain));
add('PlainSub()', instanceSize(classLayout(plain, null)));
add('PlainSub', heapTypeSize(classLayout(plain, null).managedDict));
// A metaclass: a subclass of type, whose instances already have a dict slot — no managed dict.
add('Meta', heapTypeSize(classLayout({ basicsize: 904, itemsize: 40, hasDict: true, hasWeakref: true }, null).managedDict));
add('S2()', instanceSize(s2));
add('S0()', instanceSize(objLayout([])));
add('SW()', instanceSize(objLayout(['__weakref__'])));
add('SD()', instanceSize(objLayout(['a', '__dict__', '__weakref__'])));
add('Sub()', instanceSize(sub));
add('Sub2()', instanceSize(sub2));
add('Plain', heapTypeSize(plain.managedDict));
add('S2', heapTypeSize(s2.managedDict));
add('SD', heapTypeSize(objLayout(['a', '__dict__']).managedDict));
add('Sub', heapTypeSize(sub.managedDict));
add('int', STATIC_TYPE_SIZE);
add('type', STATIC_TYPE_SIZE);
// Subclasses of builtins: the base's own __sizeof__ with the subclass basicsize, plus pre-headers.
const exc: BaseLayout = { basicsize: 72, itemsize: 0, hasDict: true, hasWeakref: false };
add('EX()', instanceSize(classLayout(exc, null)));
add('EXS()', instanceSize(classLayout(exc, ['x'])));
add('EX', heapTypeSize(classLayout(exc, null).managedDict));
// int.__sizeof__ uses offsetof(PyLongObject, ob_digit), not the subclass's basicsize.
add('I(5)', intSize(5, 24, 16));
add('I(2**40)', intSize(2 ** 40, 24, 16));
const tupleBase: BaseLayout = { basicsize: 24, itemsize: 8, hasDict: false, hasWeakref: false };
const tSub = classLayout(tupleBase, null);
add('T()', tupleSize(0, tSub.basicsize, 16));
add('T((1,2,3))', tupleSize(3, tSub.basicsize, 16));
const listBase: BaseLayout = { basicsize: 40, itemsize: 0, hasDict: false, hasWeakref: false };
const lSub = classLayout(listBase, null);
add('L()', listSize(0, lSub.basicsize, lSub.managedDict ? 32 : 16));
add("Str('abc')", strSubclassSize('abc'));
add("Str('\u20ac')", strSubclassSize('\u20ac'));
add('g()', generatorSize(0, 1));
add('g10(*range(10))', generatorSize(11, 2));
add('fr(1, 2)', frameObjectSize(3, 2));
{
  // Python subclasses of builtins, through BUILTIN_BASES.
  const sub = (name: string) => classLayout(BUILTIN_BASES[name]!, null);
  const sets = (n: number) => {
    const t = new SetTable();
    for (let i = 0; i < n; i++) t.add(i, i);
    return t;
  };
  add("type('C', (object,), {})()", instanceSize(sub('object')));
  add("type('C', (float,), {})(1.5)", instanceSize(sub('float')));
  add("type('C', (complex,), {})(1j)", instanceSize(sub('complex')));
  add("type('C', (ValueError,), {})()", instanceSize(sub('Exception')));
  add("type('C', (OSError,), {})()", instanceSize(sub('OSError')));
  add("type('C', (bytearray,), {})(b'abc')", instanceSize(sub('bytearray')) + 4);
  add("type('C', (bytes,), {})(b'abcd')", bytesSize(4, sub('bytes').basicsize, 16));
  add("type('C', (tuple,), {})((1, 2))", tupleSize(2, sub('tuple').basicsize, 16));
  add("type('C', (int,), {})(2**40)", intSize(2 ** 40, 24, 16));
  add("type('C', (str,), {})('\u20ac' * 3)", strSubclassSize('\u20ac'.repeat(3)));
  add("type('C', (list,), {})(range(3))", listSize(4, sub('list').basicsize, 32));
  add("type('C', (dict,), {})(a=1)", inserts1(DictTable.empty()).sizeof(sub('dict').basicsize, 32));
  add("type('C', (set,), {})(range(5))", sets(5).sizeof(sub('set').basicsize, 32));
  add("type('C', (frozenset,), {})()", sets(0).sizeof(sub('frozenset').basicsize, 32));
}

function inserts1(d: DictTable): DictTable {
  d.insert(true);
  return d;
}

describe('sys.getsizeof formulas', () => {
  it('classifies JS strings by CPython storage kind', () => {
    expect(strKind('')).toBe(StrKind.Ascii);
    expect(strKind('abc\x7f')).toBe(StrKind.Ascii);
    expect(strKind('\x80')).toBe(StrKind.Latin1);
    expect(strKind('\xff€')).toBe(StrKind.Ucs2);
    expect(strKind('a😀')).toBe(StrKind.Ucs4);
    expect(strKind('\ud800')).toBe(StrKind.Ucs2);
    expect(strLength('a😀b')).toBe(3);
  });

  it('knows which builtin types are GC-capable', () => {
    expect(isGcType('list')).toBe(true);
    expect(isGcType('float')).toBe(false);
    expect(isGcType('slice')).toBe(true);
    expect(isGcType('range')).toBe(false);
  });

  it.skipIf(!hasPython311)(`matches python3 for ${cases.length} objects (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const got = pySizes(cases.map(([e]) => e), py);
    const rows = cases.map(([e], i) => `${e} = ${got[i]}`);
    expect(rows).toEqual(cases.map(([e, ours]) => `${e} = ${ours}`));
  });

  it.skipIf(!hasPython311)('adds the cached UTF-8 copy of non-ASCII strings once materialised', () => {
    const strs = ['abc', 'é'.repeat(10), '€uro', '😀x', 'ÿ'];
    const got = runPython<number[]>(`import sys, json, ctypes
f = ctypes.pythonapi.PyUnicode_AsUTF8
f.argtypes = [ctypes.py_object]; f.restype = ctypes.c_char_p
out = []
for s in json.loads(${JSON.stringify(JSON.stringify(strs))}):
    s = ''.join(list(s))  # a fresh object, never encoded before
    f(s); out.append(sys.getsizeof(s))
print(json.dumps(out))`);
    expect(strs.map((x) => strSize(x, true))).toEqual(got);
  });

  it.skipIf(!hasPython311)('matches python3 for every fixed-size builtin in the table', () => {
    const code = `
import sys, json, types, weakref, collections, io, functools, itertools, operator
class C: pass
o = C()
samples = [None, NotImplemented, ..., object(), 1.5, 1j, range(3), slice(1), lambda: 0,
  (lambda x: (lambda: x))(1).__closure__[0], types.MethodType(lambda s: 0, o), o.__init__, len, list.append,
  object.__init__, type.__dict__['__dict__'], type('M', (), {'__slots__': ('a',)}).__dict__['a'],
  dict.__dict__['fromkeys'], property(), staticmethod(abs), classmethod(abs), super(C, o), sys,
  type.__dict__, types.SimpleNamespace(), weakref.ref(o), weakref.proxy(o), weakref.proxy(len),
  iter([]), reversed([]), iter(()), iter('a'), iter('\\u20ac'), iter(b''), iter(bytearray()), iter(set()),
  iter({}), iter({}.values()), iter({}.items()), reversed({}), reversed({}.values()), reversed({}.items()),
  {}.keys(), {}.values(), {}.items(), iter(range(3)), iter(range(2**70)), reversed((1,)),
  iter(type('Q', (), {'__getitem__': lambda s, i: 1})()), iter(int, 1), enumerate([]), zip(), map(abs, []),
  filter(None, []), itertools.count(), itertools.chain(), itertools.repeat(1), itertools.islice([], 1),
  functools.partial(abs), functools.lru_cache(abs), operator.attrgetter('a'), operator.itemgetter(1),
  io.StringIO(), io.BytesIO()]
excs = ['BaseException','Exception','ValueError','TypeError','KeyError','IndexError','LookupError',
  'ArithmeticError','ZeroDivisionError','OverflowError','RuntimeError','RecursionError','NotImplementedError',
  'AssertionError','MemoryError','GeneratorExit','KeyboardInterrupt','UnboundLocalError','NameError',
  'AttributeError','StopIteration','StopAsyncIteration','SystemExit','ImportError','ModuleNotFoundError',
  'OSError','FileNotFoundError','SyntaxError','IndentationError']
samples += [getattr(__builtins__, n)() for n in excs]
samples += [UnicodeDecodeError('utf-8', b'', 0, 1, 'x'), UnicodeEncodeError('utf-8', '', 0, 1, 'x'),
  BaseExceptionGroup('g', [KeyboardInterrupt()]), ExceptionGroup('g', [ValueError()])]
print(json.dumps({type(x).__name__: [sys.getsizeof(x), bool(type(x).__flags__ & (1 << 14))] for x in samples}))
`;
    const got = runPython<Record<string, [number, boolean]>>(code);
    const ours = Object.fromEntries(Object.entries(FIXED_SIZES).map(([k, v]) => [k, [v.size, v.gc]]));
    expect(ours).toEqual(got);
  });
});
