import { describe, expect, it } from 'vitest';
import * as V from '../../packages/engine/src/values/index.js';
import { HAS_PYTHON, python, rng } from './python.js';

type Call = [method: string, s: string, args: unknown[]];

// Our implementation of each method, by Python name.
const OURS: Record<string, (s: string, ...args: any[]) => unknown> = {
  find: V.strFind, rfind: V.strRfind, index: V.strIndex, rindex: V.strRindex, count: V.strCount,
  startswith: (s, p, a, b) => V.strStartswith(s, p, a ?? undefined, b ?? undefined),
  endswith: (s, p, a, b) => V.strEndswith(s, p, a ?? undefined, b ?? undefined),
  split: V.strSplit, rsplit: V.strRsplit, splitlines: V.strSplitlines, partition: V.strPartition, rpartition: V.strRpartition,
  strip: V.strStrip, lstrip: V.strLstrip, rstrip: V.strRstrip, replace: V.strReplace, removeprefix: V.strRemoveprefix,
  removesuffix: V.strRemovesuffix, center: V.strCenter, ljust: V.strLjust, rjust: V.strRjust, zfill: V.strZfill,
  expandtabs: V.strExpandtabs, lower: V.strLower, upper: V.strUpper, title: V.strTitle, capitalize: V.strCapitalize,
  swapcase: V.strSwapcase, casefold: V.strCasefold, isspace: V.strIsspace, isalpha: V.strIsalpha, isalnum: V.strIsalnum,
  isdecimal: V.strIsdecimal, isdigit: V.strIsdigit, isnumeric: V.strIsnumeric, isascii: V.strIsascii,
  isprintable: V.strIsprintable, isupper: V.strIsupper, islower: V.strIslower, istitle: V.strIstitle,
  isidentifier: V.strIsidentifier, encode: (s, e) => Array.from(V.strEncode(s, e)), join: (s, items) => V.strJoin(s, items),
  __len__: V.cpLength, __repr__: V.strRepr, __ascii__: V.asciiRepr,
};

function ours([m, s, args]: Call): unknown {
  try {
    return OURS[m]!(s, ...args);
  } catch (e) {
    if (e instanceof V.PyValueError) return `ERR ${e.pyType}: ${e.message}`;
    throw e;
  }
}

const SAMPLES = [
  '', 'a', 'abc', 'hello world', '  padded\t\n', 'a,b,,c', 'one two  three', 'ABC def Ghi', 'hello_World 42', 'ǆemal ǈ',
  'straße', 'ΣΑΣ ΣΑΣ.', 'ﬁne ﬂow', 'İstanbul', 'x😀y😀z', '😀', 'ab\r\ncd\ref\ngh\x0bij\x1ckl\u2028mn', 'tab\tbed\n\tx',
  '\u00a0\u2003 spaced \u3000', '١٢٣', '²³', '½', '一二三', 'Ⅻ', 'x²', 'a1', '_ident1', '1abc', 'déjà vu', 'ÉCOLE', 'ß',
  'They\'re bill\'s friends', 'hello', 'mississippi', '-42', '+7', 'aaa', 'ab' + '\u0301' + 'c', '\u1e9e', 'ǅ', 'Ω',
  'a\u0000b', '\x7f', '\u200b', '\ud800', 'x\udc00y',
];

const next = rng(2024);
function pick<T>(xs: readonly T[]): T {
  return xs[next() % xs.length]!;
}

function calls(): Call[] {
  const out: Call[] = [];
  const predicates = ['isspace', 'isalpha', 'isalnum', 'isdecimal', 'isdigit', 'isnumeric', 'isascii', 'isprintable', 'isupper', 'islower', 'istitle', 'isidentifier'];
  const cases = ['lower', 'upper', 'title', 'capitalize', 'swapcase', 'casefold', 'splitlines', 'split', 'rsplit', 'strip', 'lstrip', 'rstrip', 'expandtabs', '__len__', '__repr__', '__ascii__'];
  for (const s of SAMPLES) {
    for (const m of [...predicates, ...cases]) out.push([m, s, []]);
    out.push(['splitlines', s, [true]], ['expandtabs', s, [4]], ['zfill', s, [8]], ['center', s, [12, '*']], ['center', s, [13]]);
    out.push(['ljust', s, [9, '😀']], ['rjust', s, [3]], ['encode', s, ['utf-8']], ['encode', s, ['latin-1']], ['encode', s, ['ascii']]);
    for (const sub of ['', 'a', 'l', 'ss', 'b,', '😀', 'xyz', ' ', 'Σ']) {
      out.push(['find', s, [sub]], ['rfind', s, [sub]], ['count', s, [sub]], ['index', s, [sub]], ['partition', s, [sub]]);
      out.push(['rpartition', s, [sub]], ['split', s, [sub]], ['rsplit', s, [sub, 1]], ['startswith', s, [sub]], ['endswith', s, [sub]]);
      out.push(['replace', s, [sub, '<>']], ['replace', s, [sub, '', 2]], ['strip', s, [sub]], ['removeprefix', s, [sub]]);
      out.push(['removesuffix', s, [sub]]);
      for (let k = 0; k < 3; k++) {
        const a = (next() % 15) - 7;
        const b = (next() % 15) - 7;
        out.push(pick([['find', s, [sub, a, b]], ['rfind', s, [sub, a]], ['count', s, [sub, a, b]], ['rindex', s, [sub, a, b]], ['startswith', s, [sub, a, b]], ['endswith', s, [sub, a, b]]] as Call[]));
      }
    }
    out.push(['split', s, [null, 1]], ['rsplit', s, [null, 1]], ['split', s, [',', 2]], ['startswith', s, [['x', 'he', '']]]);
    out.push(['endswith', s, [['ld', 'c'], 1, -1]], ['center', s, [5, 'ab']]);
  }
  out.push(['join', ', ', [['a', 'b', 'c']]], ['join', '', [[]]], ['encode', 'x', ['bogus-enc']], ['encode', 'a€€b', ['latin1']], ['encode', '\ud800\udc00'.slice(0, 1) + '\udfff', ['utf8']]);
  return out;
}

describe.skipIf(!HAS_PYTHON)('str methods against python3', () => {
  it('every method on tricky strings matches CPython', () => {
    const all = calls();
    const code = `
import sys, json
out = []
for m, s, args in json.load(sys.stdin):
    args = [tuple(a) if isinstance(a, list) and m in ('startswith', 'endswith') else a for a in args]
    try:
        if m == '__len__': r = len(s)
        elif m == '__repr__': r = repr(s)
        elif m == '__ascii__': r = ascii(s)
        elif m == 'join': r = s.join(args[0])
        else: r = getattr(s, m)(*args)
        if isinstance(r, bytes): r = list(r)
        out.append(r)
    except Exception as e:
        out.append('ERR ' + type(e).__name__ + ': ' + str(e))
sys.stdout.write(json.dumps(out))`;
    const json = JSON.stringify(all).replace(/[\ud800-\udfff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16));
    const expected = JSON.parse(python(code, json)) as unknown[];
    const label = (c: Call) => `${JSON.stringify(c[1])}.${c[0]}(${JSON.stringify(c[2]).slice(1, -1)})`;
    expect(all.map((c) => `${label(c)} = ${JSON.stringify(ours(c))}`)).toEqual(all.map((c, i) => `${label(c)} = ${JSON.stringify(expected[i])}`));
  });

  it('utf-8 decoding and its errors', () => {
    const blobs = [[], [0x61], [0xc3, 0xa9], [0xff], [0xe2, 0x28, 0xa1], [0xe2, 0x82], [0xe2], [0xf0, 0x9f, 0x98, 0x80], [0xed, 0xa0, 0x80],
      [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x61, 0xf0, 0x9f, 0x98], [0xe0, 0x80, 0x80], [0x80], [0xc3]];
    const code = `
import sys, json
out = []
for b in json.load(sys.stdin):
    try: out.append(bytes(b).decode())
    except Exception as e: out.append('ERR ' + type(e).__name__ + ': ' + str(e))
print(json.dumps(out))`;
    const expected = JSON.parse(python(code, JSON.stringify(blobs)));
    const got = blobs.map((b) => {
      try {
        return V.bytesDecode(Uint8Array.from(b));
      } catch (e) {
        if (e instanceof V.PyValueError) return `ERR ${e.pyType}: ${e.message}`;
        throw e;
      }
    });
    expect(got).toEqual(expected);
  });
});

describe.skipIf(!HAS_PYTHON)('bytes split/splitlines/strip against python3', () => {
  it('use ASCII whitespace and \\n \\r line ends only', () => {
    const blobs = ['a b\tc\x0bd\x0ce\rf\ng', 'a\x85b\xa0c\x1cd', '  x  ', '\x1c\x1dy\x1e\x1f', 'l1\r\nl2\x0bl3\x0cl4\x1cl5\x85l6\n', ' \t a \x85 '];
    const code = `
import sys, json
out = []
for s in json.load(sys.stdin):
    b = s.encode('latin-1')
    out.append([[x.decode('latin-1') for x in r] for r in (b.split(), b.rsplit(None, 1), b.split(None, 1), b.splitlines(), b.splitlines(True))]
               + [b.strip().decode('latin-1'), b.lstrip().decode('latin-1'), b.rstrip().decode('latin-1'), b.strip(b' x').decode('latin-1')])
print(json.dumps(out))`;
    const expected = JSON.parse(python(code, JSON.stringify(blobs)));
    const got = blobs.map((b) => [
      [V.bytesSplit(b), V.bytesRsplit(b, null, 1), V.bytesSplit(b, null, 1), V.bytesSplitlines(b), V.bytesSplitlines(b, true)],
      V.bytesStrip(b), V.bytesStrip(b, null, true, false), V.bytesStrip(b, null, false, true), V.bytesStrip(b, ' x'),
    ].flat(0));
    expect(got.map((g) => [...(g[0] as string[][]), ...g.slice(1)])).toEqual(expected);
  });
});
