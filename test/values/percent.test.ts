import { describe, expect, it } from 'vitest';
import {
  percentFormat, floatRepr, strRepr, asciiRepr, floatToInt, normInt, PyValueError, type PercentHooks, type PyInt,
} from '../../packages/engine/src/values/index.js';
import { HAS_PYTHON, python } from './python.js';

// A tiny value model standing in for the runtime's objects.
type V = { t: 'int'; v: PyInt } | { t: 'bool'; v: boolean } | { t: 'float'; v: number } | { t: 'str'; v: string } | { t: 'none' } | { t: 'list'; v: V[] };

const I = (v: number | bigint): V => ({ t: 'int', v: normInt(v) });
const F = (v: number): V => ({ t: 'float', v });
const S = (v: string): V => ({ t: 'str', v });

function src(v: V): string {
  switch (v.t) {
    case 'int': return String(v.v);
    case 'bool': return v.v ? 'True' : 'False';
    case 'float': return Number.isFinite(v.v) ? floatRepr(v.v) : `float('${v.v}')`;
    case 'str': return JSON.stringify(v.v);
    case 'none': return 'None';
    case 'list': return '[' + v.v.map(src).join(', ') + ']';
  }
}

const hooks: PercentHooks<V> = {
  str: (v) => (v.t === 'str' ? v.v : v.t === 'float' ? floatRepr(v.v) : v.t === 'list' ? hooks.repr(v) : src(v)),
  repr: (v) => (v.t === 'str' ? strRepr(v.v) : v.t === 'float' ? floatRepr(v.v) : v.t === 'list' ? '[' + v.v.map(hooks.repr).join(', ') + ']' : src(v)),
  ascii: (v) => (v.t === 'str' ? asciiRepr(v.v) : hooks.repr(v)),
  typeName: (v) => ({ int: 'int', bool: 'bool', float: 'float', str: 'str', none: 'NoneType', list: 'list' })[v.t],
  asIndex: (v) => (v.t === 'int' ? v.v : v.t === 'bool' ? (v.v ? 1 : 0) : undefined),
  asInt: (v) => (v.t === 'float' ? floatToInt(v.v) : hooks.asIndex(v)),
  asFloat: (v) => (v.t === 'float' ? v.v : v.t === 'int' ? Number(v.v) : v.t === 'bool' ? Number(v.v) : undefined),
  asStr: (v) => (v.t === 'str' ? v.v : undefined),
};

type Case = [string, V[] | V | Record<string, V>];

function run([fmt, a]: Case): string {
  try {
    if (Array.isArray(a)) return percentFormat(fmt, { items: a, isTuple: true }, hooks);
    if ('t' in a && typeof a.t === 'string') return percentFormat(fmt, { items: [a as V], isTuple: false }, hooks);
    const d = a as Record<string, V>;
    return percentFormat(fmt, {
      items: [{ t: 'str', v: '<dict>' }], isTuple: false,
      getItem: (k) => {
        if (!(k in d)) throw new PyValueError('KeyError', `'${k}'`, k);
        return d[k]!;
      },
    }, hooks);
  } catch (e) {
    if (e instanceof PyValueError) return `ERR ${e.pyType}: ${e.message}`;
    throw e;
  }
}

function pySrc(a: Case[1]): string {
  if (Array.isArray(a)) return '(' + a.map(src).join(', ') + (a.length === 1 ? ',)' : ')');
  if ('t' in a && typeof a.t === 'string') return src(a as V);
  return '{' + Object.entries(a as Record<string, V>).map(([k, v]) => `${JSON.stringify(k)}: ${src(v)}`).join(', ') + '}';
}

const cases: Case[] = [
  ['%s', S('x')], ['%r', S("it's")], ['%a', S('é')], ['%s and %s', [I(1), F(2.5)]], ['%d', F(3.7)], ['%d', S('a')],
  ['%5d|%-5d|%05d', [I(42), I(-42), I(-42)]], ['%+d % d %+ d', [I(1), I(2), I(3)]], ['%x %X %o', [I(255), I(-255), I(8)]],
  ['%#x %#X %#o', [I(255), I(255), I(8)]], ['%#05x|%#8.3x|%-#8x|', [I(255), I(5), I(5)]], ['%.3d %+.3d', [I(5), I(5)]],
  ['%x', F(3.5)], ['%o', S('a')], ['%d', { t: 'none' }], ['%f %e %g', [F(1.5), F(1.5), F(1.5)]], ['%F %E %G', [F(NaN), F(1.5), F(1e-10)]],
  ['%.2f%%', I(50)], ['%10.3f|%-10.2e|', [F(3.14159), F(-2.5e-7)]], ['%05f', F(Infinity)], ['%#.0f %#g %.3g', [F(1), F(1), F(1234.5)]],
  ['%c%c', [I(65), S('z')]], ['%c', S('ab')], ['%c', F(1.5)], ['%c', I(-1)], ['%5c|%-5c|', [I(65), S('x')]], ['%q', I(1)],
  ['%', I(1)], ['%(a', {}], ['%(a)s', I(1)], ['%s %s', [I(1)]], ['%s', [I(1), I(2)]], ['abc', I(5)], ['abc', {}], ['abc', []],
  ['%*d|%-*d|', [I(5), I(1), I(5), I(2)]], ['%*d', [S('a'), I(1)]], ['%*d', [I(-5), I(1)]], ['%.*f', [I(2), F(1.234)]],
  ['%5%', [I(1)]], ['%ld %i %u', [I(5), I(1), I(2)]], ['%g', I(10n ** 20n)], ['%10.3s|', S('abcdef')],
  ['%s', { t: 'list', v: [I(1), S('a')] }], ['%(a)s %(b)r', { a: I(1), b: S('x') }], ['%(a)s %s', { a: I(1) }], ['%(zz)s', { a: I(1) }],
  ['%+d %x', [{ t: 'bool', v: true }, { t: 'bool', v: true }]], ['%.0f', F(0.5)], ['%d', I(10n ** 30n)], ['%s', []],
  ['%(x)d', { x: F(3.9) }], ['%.', I(1)], ['%0-5d|', I(3)], ['%#x', I(0)], ['%r', F(1.5)], ['%.1r', S('abc')],
  ['%05s|%05r|%05c', [S('ab'), S('a'), S('a')]], ['%+5.1f', F(-0)], ['%#.3o', I(8)], ['%.*s', [I(-1), S('abc')]], ['%s', S('😀x')],
  ['%-6s|%6s', [S('😀'), S('é')]], ['100%% sure: %s', S('yes')], ['%.3s', S('😀😀😀😀')], ['%\u00e9', I(1)],
];

describe.skipIf(!HAS_PYTHON)('%-formatting against python3', () => {
  it('matches str % args', () => {
    const code = `
import sys, json
out = []
for f, a in json.load(sys.stdin):
    try: out.append(f % eval(a))
    except Exception as e: out.append('ERR ' + type(e).__name__ + ': ' + str(e))
print(json.dumps(out))`;
    const expected = JSON.parse(python(code, JSON.stringify(cases.map(([f, a]) => [f, pySrc(a)])))) as string[];
    expect(cases.map((c, i) => `${c[0]} % ${pySrc(c[1])} -> ${run(c)}`)).toEqual(cases.map((c, i) => `${c[0]} % ${pySrc(c[1])} -> ${expected[i]}`));
  });
});

describe.skipIf(!HAS_PYTHON)('%-formatting fuzz against python3', () => {
  it('random conversions on random ints, floats and strs', () => {
    let seed = 99;
    const r = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
    const pick = <T,>(xs: readonly T[]): T => xs[r() % xs.length]!;
    const fuzz: Case[] = [];
    for (let i = 0; i < 1500; i++) {
      const conv = pick(['d', 'i', 'x', 'X', 'o', 'e', 'E', 'f', 'F', 'g', 'G', 's', 'r', 'a', 'c']);
      const fmt = '%' + pick(['', '', '-', '+', ' ', '#', '0', '-0', '+0', '#0', '+#']) + pick(['', '', '1', '6', '12']) +
        pick(['', '', '.0', '.2', '.5', '.12']) + conv + '|';
      const v = pick([
        I((r() % 200001) - 100000), I(BigInt(r()) * BigInt(r())), F((r() % 2000001 - 1000000) / 10 ** (r() % 7)), F(r() * 1e10),
        S(pick(['', 'a', 'héllo', '😀', "it's"])), I(r() % 128),
      ]);
      fuzz.push([fmt, v]);
    }
    const code = `
import sys, json
out = []
for f, a in json.load(sys.stdin):
    try: out.append(f % eval(a))
    except Exception as e: out.append('ERR ' + type(e).__name__ + ': ' + str(e))
print(json.dumps(out))`;
    const expected = JSON.parse(python(code, JSON.stringify(fuzz.map(([f, a]) => [f, pySrc(a)])))) as string[];
    expect(fuzz.map((c) => `${c[0]} % ${pySrc(c[1])} -> ${run(c)}`)).toEqual(fuzz.map((c, i) => `${c[0]} % ${pySrc(c[1])} -> ${expected[i]}`));
  });
});
