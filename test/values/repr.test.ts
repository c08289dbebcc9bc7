import { describe, expect, it } from 'vitest';
import { strRepr, asciiRepr, asciiEscape, bytesRepr, complexRepr } from '../../packages/engine/src/values/index.js';
import { HAS_PYTHON, python, rng } from './python.js';

const next = rng(31337);

describe.skipIf(!HAS_PYTHON)('repr/ascii of str and bytes against python3', () => {
  it('str: quotes, escapes, printable non-ASCII', () => {
    const strings = [
      '', "'", '"', `'"`, "it's", 'say "hi"', '\\', '\n\t\r\x00\x1b\x7f', '\x80\x9f\xa0\xad', 'é中😀', '\u2028\u2029\u200b\ufeff',
      '\ud800', 'a\udfffb', '\ue000', '\u0378', '\u{10ffff}', '\u{e0001}', '\u{1f600}\u{1f3fb}', '\u3000 \u00a0',
    ];
    for (let i = 0; i < 300; i++) {
      let s = '';
      const len = next() % 8;
      for (let k = 0; k < len; k++) {
        const plane = next() % 4;
        const c = plane === 0 ? next() % 0x100 : plane === 1 ? next() % 0x3000 : plane === 2 ? next() % 0x10000 : 0x10000 + (next() % 0x20000);
        s += String.fromCodePoint(c);
      }
      strings.push(s);
    }
    const json = JSON.stringify(strings).replace(/[\ud800-\udfff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16));
    const expected = JSON.parse(python('import sys, json\nprint(json.dumps([[repr(s), ascii(s), ascii([s])] for s in json.load(sys.stdin)]))', json));
    expect(strings.map((s) => [strRepr(s), asciiRepr(s), asciiEscape('[' + strRepr(s) + ']')])).toEqual(expected);
  });

  it('bytes', () => {
    const blobs: number[][] = [[], [0x27], [0x22], [0x27, 0x22], [0x5c], Array.from({ length: 256 }, (_, i) => i)];
    for (let i = 0; i < 50; i++) blobs.push(Array.from({ length: next() % 12 }, () => next() & 0xff));
    const expected = JSON.parse(python('import sys, json\nprint(json.dumps([repr(bytes(b)) for b in json.load(sys.stdin)]))', JSON.stringify(blobs)));
    expect(blobs.map((b) => bytesRepr(Uint8Array.from(b)))).toEqual(expected);
  });
});

describe.skipIf(!HAS_PYTHON)('repr(complex) against python3', () => {
  it('signs, zeros, inf/nan, exponents', () => {
    const parts = [0, -0, 1, -1, 2.5, -2.5, 1e16, 1e-5, 1e300, Infinity, -Infinity, NaN, 0.1, 123456.789];
    const pairs: [number, number][] = [];
    for (const a of parts) for (const b of parts) pairs.push([a, b]);
    const src = (x: number) => (x !== x ? "float('nan')" : x === Infinity ? "float('inf')" : x === -Infinity ? "float('-inf')" : Object.is(x, -0) ? '-0.0' : String(x));
    const expected = JSON.parse(python(`import json\nprint(json.dumps([repr(complex(a, b)) for a, b in [${pairs.map(([a, b]) => `(${src(a)}, ${src(b)})`).join(', ')}]]))`));
    expect(pairs.map(([a, b]) => complexRepr(a, b))).toEqual(expected);
  });
});
