import { describe, expect, it } from 'vitest';
import { hashStr, hashBytes, hashInt, hashFloat, hashTuple, hashPointer, hashFrozenset } from '../../packages/engine/src/values/index.js';
import { HAS_PYTHON, python, rng, randomDouble, pyFloat } from './python.js';

const next = rng(99);

function randomString(): string {
  const len = next() % 40;
  const alphabet = [0x61, 0xe9, 0x3b1, 0x4e2d, 0x1f600, 0x30, 0x20, 0xff];
  const width = next() % 4;
  let s = '';
  for (let i = 0; i < len; i++) {
    const base = alphabet[next() % (width === 0 ? 1 : width === 1 ? 3 : width === 2 ? 5 : alphabet.length)]!;
    s += String.fromCodePoint(base + (next() % 26));
  }
  return s;
}

describe.skipIf(!HAS_PYTHON)('hashes against python3 (PYTHONHASHSEED=0)', () => {
  it('hash(str) over 1-, 2- and 4-byte strings of every length class', () => {
    const strings = ['', 'a', 'ab', 'abcdefg', 'abcdefgh', 'abcdefghi', 'hello world', 'é', 'naïve', '中文', '😀', 'x😀y', '\ud800', 'a\udfffb', '\ud800😀'];
    for (let i = 0; i < 300; i++) strings.push(randomString());
    const json = JSON.stringify(strings).replace(/[\ud800-\udfff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16));
    const expected = python('import sys, json\nprint(json.dumps([str(hash(s)) for s in json.load(sys.stdin)]))', json);
    expect(strings.map((s) => hashStr(s).toString())).toEqual(JSON.parse(expected));
  });

  it('hash(bytes)', () => {
    const blobs: number[][] = [[], [0], [1, 2, 3], Array.from({ length: 17 }, (_, i) => i * 15)];
    for (let i = 0; i < 50; i++) blobs.push(Array.from({ length: next() % 30 }, () => next() & 0xff));
    const expected = python('import sys, json\nprint(json.dumps([str(hash(bytes(b))) for b in json.load(sys.stdin)]))', JSON.stringify(blobs));
    expect(blobs.map((b) => hashBytes(Uint8Array.from(b)).toString())).toEqual(JSON.parse(expected));
  });

  it('hash(int), hash(float), hash(tuple)', () => {
    const ints: (number | bigint)[] = [0, 1, -1, -2, 2 ** 53 - 1, 2n ** 61n - 1n, 2n ** 61n, -(2n ** 61n), 2n ** 200n + 7n, -(10n ** 50n)];
    const floats: number[] = [0, -0, 1, -1, 0.5, -0.5, 1.5, 1e300, 1e-300, 5e-324, Infinity, -Infinity, 2 ** 70, 3.14];
    for (let i = 0; i < 100; i++) floats.push(randomDouble(next));
    const code = `
import json, sys
d = json.load(sys.stdin)
print(json.dumps([str(hash(int(i))) for i in d['ints']] + [str(hash(eval(f))) for f in d['floats']] +
  [str(hash(())), str(hash((1,))), str(hash((1, 2))), str(hash(('a', 1.5, (2, 3))))]))`;
    const expected = JSON.parse(python(code, JSON.stringify({ ints: ints.map(String), floats: floats.map(pyFloat) })));
    const ours = [
      ...ints.map((i) => hashInt(i).toString()),
      ...floats.map((f) => hashFloat(f).toString()),
      hashTuple([]).toString(),
      hashTuple([hashInt(1)]).toString(),
      hashTuple([hashInt(1), hashInt(2)]).toString(),
      hashTuple([hashStr('a'), hashFloat(1.5), hashTuple([hashInt(2), hashInt(3)])]).toString(),
    ];
    expect(ours).toEqual(expected);
  });

  it('hash(frozenset)', () => {
    const sets: (number | string)[][] = [[], [1], [1, 2], ['a', 'b', 'c'], [-1, -2, 3.5 as number], Array.from({ length: 40 }, (_, i) => i * 7919)];
    const code = `import sys, json\nprint(json.dumps([str(hash(frozenset(s))) for s in json.load(sys.stdin)]))`;
    const expected = JSON.parse(python(code, JSON.stringify(sets)));
    const h = (v: number | string) => (typeof v === 'string' ? hashStr(v) : Number.isInteger(v) ? hashInt(v) : hashFloat(v));
    expect(sets.map((s) => hashFrozenset(s.map(h)).toString())).toEqual(expected);
  });

  it('hashPointer rotates the address', () => {
    expect(hashPointer(0x7f0000001230n)).toBe(BigInt.asIntN(64, (0x7f0000001230n >> 4n) | ((0x7f0000001230n & 15n) << 60n)));
  });
});
