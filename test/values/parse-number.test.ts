import { describe, expect, it } from 'vitest';
import { parseIntLiteral, parseFloatLiteral, floatRepr, PyValueError } from '../../packages/engine/src/values/index.js';
import { HAS_PYTHON, python } from './python.js';

function attempt(f: () => unknown): string {
  try {
    const v = f();
    return typeof v === 'number' && !Number.isInteger(v) ? floatRepr(v) : typeof v === 'number' && isFloat ? floatRepr(v) : String(v);
  } catch (e) {
    if (e instanceof PyValueError) return `ERR ${e.pyType}: ${e.message}`;
    throw e;
  }
}
let isFloat = false;

const INT_CASES: [string, number][] = [
  ['x'.repeat(300), 10], [' 12 ', 10], ['1_000', 10], ['1__0', 10], ['_1', 10], ['1_', 10], ['0x_ff', 16], ['0x_ff', 0], ['0x__ff', 16],
  ['010', 0], ['000', 0], ['0_0', 0], ['00_1', 0], ['ff', 16], ['FF', 16], ['z', 36], ['Zz', 36], ['1', 1], ['1', 37], ['', 10], ['  ', 10],
  ['+', 10], ['-5', 10], ['١٢٣', 10], ['\u00a012\u2003', 10], ['12\x00', 10], ['0b101', 0], ['0B101', 2], ['0o17', 8], ['0O17', 0],
  ['1'.repeat(5000), 10], ['1'.repeat(1000), 16], ['0x', 16], ['- 5', 10], ['+-5', 10], ['0x1g', 16], ['٠x10', 16], ['1 2', 10],
  ['123456789012345678901234567890', 10], ['-123456789012345678901234567890', 0], ['zzzzzzzzzzzzzzzzzzzz', 36], ['7777777777777777777777', 8],
  ['0b', 0], ['0x10', 10], ['9', 8], ['1é', 10], ['é', 10], ['9007199254740993', 10], ['-0', 10], ['0_7', 8], ['0o_7', 0],
];

const FLOAT_CASES = [
  '1_000.5', 'x', ' inf ', '-Infinity', 'nAn', '+nan', '1e500', '1e', '.5', '5.', '.', '1_.5', '1._5', '1e1_0', '١.٥', '0x10', '',
  'infinit', '1e-400', '1.5e+3', 'x'.repeat(300), '  ', '1 2', '-0', '-0.0', '0.1', '2.675', '1e23', '9007199254740993', '+.5e-3',
  '1__0', '_1', '1_', '\u20031.25\u00a0', 'in f', '-iNF', '1e+', 'e5', '1.7976931348623159e308', '4.9e-324', '2.4e-324',
];

describe.skipIf(!HAS_PYTHON)('int(str) and float(str) against python3', () => {
  it('int()', () => {
    const code = `
import sys, json
out = []
for s, b in json.load(sys.stdin):
    try: out.append(str(int(s, b)))
    except Exception as e: out.append('ERR ' + type(e).__name__ + ': ' + str(e))
print(json.dumps(out))`;
    const expected = JSON.parse(python(code, JSON.stringify(INT_CASES))) as string[];
    expect(INT_CASES.map(([s, b]) => attempt(() => parseIntLiteral(s, b)))).toEqual(expected);
  });

  it('float()', () => {
    const code = `
import sys, json
out = []
for s in json.load(sys.stdin):
    try: out.append(repr(float(s)))
    except Exception as e: out.append('ERR ' + type(e).__name__ + ': ' + str(e))
print(json.dumps(out))`;
    const expected = JSON.parse(python(code, JSON.stringify(FLOAT_CASES))) as string[];
    isFloat = true;
    try {
      expect(FLOAT_CASES.map((s) => attempt(() => parseFloatLiteral(s)))).toEqual(expected);
    } finally {
      isFloat = false;
    }
  });
});
