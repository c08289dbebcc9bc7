import { describe, expect, it } from 'vitest';
import * as V from '../../packages/engine/src/values/index.js';
import { HAS_PYTHON, python } from './python.js';

// Per-character str predicates over the planes where characters are assigned, compared with
// CPython 3.11 (Unicode 14) as run-length ranges: the JS engine's own Unicode tables are newer.
const PREDICATES: [string, (c: number) => boolean][] = [
  ['isprintable', V.isPrintableCodePoint], ['isalpha', V.isAlphaCodePoint], ['isdecimal', V.isDecimalCodePoint],
  ['isdigit', V.isDigitCodePoint], ['isnumeric', V.isNumericCodePoint], ['isspace', V.isSpaceCodePoint],
  ['isupper', (c) => V.strIsupper(String.fromCodePoint(c))], ['islower', (c) => V.strIslower(String.fromCodePoint(c))],
  ['istitle', (c) => V.strIstitle(String.fromCodePoint(c))], ['isalnum', V.isAlnumCodePoint],
];
const LIMIT = 0x30000;

function runs(pred: (c: number) => boolean): number[] {
  const out: number[] = [];
  let inside = false;
  for (let c = 0; c < LIMIT; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const v = pred(c);
    if (v !== inside) {
      out.push(c);
      inside = v;
    }
  }
  return out;
}

describe.skipIf(!HAS_PYTHON)('character classes against python3', () => {
  it('agree with CPython on every code point below U+30000', () => {
    const names = PREDICATES.map(([n]) => n);
    const code = `
import json
out = {}
for name in ${JSON.stringify(names)}:
    r = []
    inside = False
    for c in range(${LIMIT}):
        if 0xd800 <= c <= 0xdfff: continue
        v = getattr(chr(c), name)()
        if v != inside:
            r.append(c); inside = v
    out[name] = r
print(json.dumps(out))`;
    const expected = JSON.parse(python(code)) as Record<string, number[]>;
    for (const [name, pred] of PREDICATES) {
      const hex = (xs: number[]) => xs.map((x) => x.toString(16));
      expect({ name, runs: hex(runs(pred)) }).toEqual({ name, runs: hex(expected[name]!) });
    }
  });

  it('decimal values of Unicode digits', () => {
    const code = `import json, unicodedata
print(json.dumps([[c, unicodedata.decimal(chr(c))] for c in range(0x110000) if unicodedata.decimal(chr(c), -1) >= 0]))`;
    const expected = JSON.parse(python(code)) as [number, number][];
    expect(expected.filter(([c, d]) => V.decimalValue(c) !== d)).toEqual([]);
  });
});
