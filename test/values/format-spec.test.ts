import { describe, expect, it } from 'vitest';
import { formatInt, formatFloat, formatStr, PyValueError, type PyInt } from '../../packages/engine/src/values/index.js';
import { HAS_PYTHON, python, rng, randomDouble, pyFloat } from './python.js';

function attempt(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof PyValueError) return `ERR ${e.pyType}: ${e.message}`;
    throw e;
  }
}

/** format() every (value, spec) pair in python3; values are given as Python source. */
function pyFormat(pairs: [string, string][]): string[] {
  const code = `
import sys, json
out = []
for v, s in json.load(sys.stdin):
    try: out.append(format(eval(v), s))
    except Exception as e: out.append('ERR ' + type(e).__name__ + ': ' + str(e))
print(json.dumps(out))`;
  return JSON.parse(python(code, JSON.stringify(pairs))) as string[];
}

const next = rng(7);

const INT_SPECS = [
  '', 'd', 'b', 'o', 'x', 'X', 'c', 'n', '#b', '#o', '#x', '#X', '+d', ' d', '-d', '10', '<10', '^10', '>10', '=10', '010',
  '0=10,', '010,', '012,', '_', ',', '_x', '_b', '#_x', '#010_x', '*^11,', '+012,d', 'e', '.2f', '%', '.0%', 'g', 'G', 'E',
  '.2', 'z', 'zd', '+c', '#c', ',c', '_n', 'n,', ',,', ',_', '_,', 's', 'q', '.', '5.3', 'x<', '<<', '😀^7', '05c', '.3e',
];
const FLOAT_SPECS = [
  '', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%', '.0', '.1', '.3', '.17', '.0e', '.3e', '#.0e', '.0f', '.2f', '#.0f', '.10f',
  '.0g', '.3g', '#g', '#.3g', '#', '.2%', '+', ' ', '+.3f', 'z', 'z.1f', 'z.0f', 'z+.2f', '10', '<12.3', '^12', '=12', '012',
  '012.3f', '015,.2f', ',', '_', ',.2f', '_.3f', ',e', ',g', '_g', '010,', '0=12,.1f', '*>15.4e', 'd', 'x', 'c', 's', '.',
  '.f', ',,', '+010', '-08.2f', '#010.0f', '.30f', '.50e', '.25g',
];
const STR_SPECS = ['', 's', '10', '<10', '>10', '^10', '^9', '*^9', '.1', '.3s', '10.2', '010', '😀>5', '=10', '+', ' ', '#', 'z', ',', '_', 'd', 'x<5'];

describe.skipIf(!HAS_PYTHON)('format() against python3', () => {
  it('ints', () => {
    const values: PyInt[] = [0, 1, -1, 7, -7, 65, 255, -255, 1234, -1234, 1234567, 0x1f600, 2 ** 40, 2n ** 70n, -(10n ** 25n), 0x110000];
    for (let i = 0; i < 20; i++) values.push((next() % 2 ? -1 : 1) * (next() % 10 ** (1 + (next() % 9))));
    const pairs: [string, string][] = [];
    const ours: string[] = [];
    for (const v of values) {
      for (const s of INT_SPECS) {
        pairs.push([String(v), s]);
        ours.push(attempt(() => formatInt(v, s)));
      }
    }
    const expected = pyFormat(pairs);
    expect(ours.map((o, i) => `format(${pairs[i]![0]}, '${pairs[i]![1]}') = ${o}`)).toEqual(
      expected.map((o, i) => `format(${pairs[i]![0]}, '${pairs[i]![1]}') = ${o}`),
    );
  });

  it('floats', () => {
    const values = [
      0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 2.675, 1e16, 1e15, 1e-5, 1e-4, 1e22, 1e23, 123456789.0, 12345.6789, 1234.5,
      0.1, 1 / 3, -2 / 3, 5e-324, 1.7976931348623157e308, 1e300, 100, 9.5, 99.95, 0.05, Infinity, -Infinity, NaN, 1e-10,
    ];
    for (let i = 0; i < 30; i++) values.push(randomDouble(next));
    for (let i = 0; i < 30; i++) values.push((next() % 2000000) / 100 - 10000);
    const pairs: [string, string][] = [];
    const ours: string[] = [];
    for (const v of values) {
      for (const s of FLOAT_SPECS) {
        pairs.push([pyFloat(v), s]);
        ours.push(attempt(() => formatFloat(v, s)));
      }
    }
    const expected = pyFormat(pairs);
    expect(ours.map((o, i) => `format(${pairs[i]![0]}, '${pairs[i]![1]}') = ${o}`)).toEqual(
      expected.map((o, i) => `format(${pairs[i]![0]}, '${pairs[i]![1]}') = ${o}`),
    );
  });

  it('strs', () => {
    const values = ['', 'a', 'abc', 'hello world', 'é', '中文字', 'x😀y'];
    const pairs: [string, string][] = [];
    const ours: string[] = [];
    for (const v of values) {
      for (const s of STR_SPECS) {
        pairs.push([JSON.stringify(v), s]);
        ours.push(attempt(() => formatStr(v, s)));
      }
    }
    expect(ours).toEqual(pyFormat(pairs));
  });
});

describe.skipIf(!HAS_PYTHON)('format() fuzz against python3', () => {
  it('random specs on random ints and floats', () => {
    const r = rng(4242);
    const pick = <T,>(xs: readonly T[]): T => xs[r() % xs.length]!;
    const spec = (types: readonly string[]): string =>
      pick(['', '', '*<', '>', '^', '=', '0=', 'x^']) + pick(['', '', '+', '-', ' ']) + pick(['', '', 'z']) + pick(['', '', '#']) +
      pick(['', '', '0']) + pick(['', '', '1', '7', '12', '25']) + pick(['', '', ',', '_']) + pick(['', '', '.0', '.1', '.3', '.8', '.17']) +
      pick(types);
    const pairs: [string, string][] = [];
    const ours: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const x = i % 3 === 0 ? randomDouble(next) : (r() % 2000001 - 1000000) / 10 ** (r() % 6);
      const s = spec(['', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%']);
      pairs.push([pyFloat(x), s]);
      ours.push(attempt(() => formatFloat(x, s)));
    }
    for (let i = 0; i < 1500; i++) {
      const v: PyInt = i % 4 === 0 ? BigInt(r()) * BigInt(r()) * (r() % 2 ? -1n : 1n) : (r() % 2000001) - 1000000;
      const s = spec(['', 'd', 'b', 'o', 'x', 'X', 'n', 'c', 'e', 'f', 'g', '%']);
      pairs.push([String(v), s]);
      ours.push(attempt(() => formatInt(v, s)));
    }
    const expected = pyFormat(pairs);
    const label = (i: number) => `format(${pairs[i]![0]}, '${pairs[i]![1]}')`;
    expect(ours.map((o, i) => `${label(i)} = ${o}`)).toEqual(expected.map((o, i) => `${label(i)} = ${o}`));
  });
});
