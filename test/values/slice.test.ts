import { describe, expect, it } from 'vitest';
import { strSlice, adjustSlice, cpLength, cpAt, strCompare, PyValueError } from '../../packages/engine/src/values/index.js';
import { HAS_PYTHON, python } from './python.js';

describe.skipIf(!HAS_PYTHON)('code point slicing against python3', () => {
  it('s[a:b:c] for BMP and astral strings', () => {
    const strings = ['', 'abcdefg', 'x😀y😀z', '😀😁😂'];
    const bounds = [undefined, -10, -3, -1, 0, 1, 2, 5, 10];
    const steps = [undefined, 1, 2, 3, -1, -2, 0];
    const cases: [string, number | undefined, number | undefined, number | undefined][] = [];
    for (const s of strings) for (const a of bounds) for (const b of bounds) for (const c of steps) cases.push([s, a, b, c]);
    const expected = JSON.parse(python(`
import sys, json
out = []
for s, a, b, c in json.load(sys.stdin):
    try: out.append(s[a:b:c])
    except Exception as e: out.append('ERR ' + type(e).__name__ + ': ' + str(e))
print(json.dumps(out))`, JSON.stringify(cases.map((c) => c.map((x) => (x === undefined ? null : x))))));
    const ours = cases.map(([s, a, b, c]) => {
      try {
        return strSlice(s, a, b, c);
      } catch (e) {
        if (e instanceof PyValueError) return `ERR ${e.pyType}: ${e.message}`;
        throw e;
      }
    });
    expect(ours).toEqual(expected);
  });

  it('len and indexing count code points', () => {
    expect(cpLength('x😀y')).toBe(3);
    expect(cpAt('x😀y', 1)).toBe('😀');
    expect(cpAt('x😀y', 2)).toBe('y');
    expect(adjustSlice(10, undefined, undefined, -1)).toEqual([9, -1, -1, 10]);
  });
});

describe('strCompare', () => {
  it('orders by code point, not UTF-16 unit', () => {
    const sorted = ['\uffff', 'a', '😀', '', 'ab', '\ud7ff', '\ue000'].sort(strCompare);
    expect(sorted).toEqual(['', 'a', 'ab', '\ud7ff', '\ue000', '\uffff', '😀']);
    expect(strCompare('a😀', 'a\uffff')).toBe(1);
    expect(strCompare('same', 'same')).toBe(0);
  });
});
