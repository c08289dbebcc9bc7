import { describe, expect, it } from 'vitest';
import {
  parseTemplate, renderTemplate, formatInt, formatStr, strRepr, PyValueError, type StrFormatHooks,
} from '../../packages/engine/src/values/index.js';
import { HAS_PYTHON, python } from './python.js';

// Stand-ins for runtime objects: ints, lists of ints, strs, and the class O with O.x == 5.
type V = number | number[] | string | { cls: 'O' };

const strOf = (v: V): string =>
  typeof v === 'number' ? String(v) : typeof v === 'string' ? v : Array.isArray(v) ? `[${v.join(', ')}]` : "<class '__main__.O'>";

const err = (type: 'IndexError' | 'KeyError' | 'TypeError', msg: string) => new PyValueError(type as never, msg);

const hooks: StrFormatHooks<V> = {
  positional: (i) => ([[1, 2], 10, 2] as V[])[i],
  keyword: (name) => {
    if (name === 'x') return { cls: 'O' };
    if (name === 's') return 'hello';
    throw err('KeyError', `'${name}'`);
  },
  getAttr: (obj, name) => {
    if (typeof obj === 'object' && !Array.isArray(obj) && name === 'x') return 5;
    const t = Array.isArray(obj) ? 'list' : typeof obj === 'number' ? 'int' : typeof obj === 'string' ? 'str' : 'type';
    throw new PyValueError('AttributeError' as never, t === 'type' ? `type object 'O' has no attribute '${name}'` : `'${t}' object has no attribute '${name}'`);
  },
  getItem: (obj, key) => {
    if (Array.isArray(obj)) {
      if (typeof key === 'string') throw err('TypeError', 'list indices must be integers or slices, not str');
      if (key >= obj.length) throw err('IndexError', 'list index out of range');
      return obj[key]!;
    }
    if (typeof obj === 'string' && typeof key === 'number') return obj[key]!;
    throw err('TypeError', `'${typeof obj === 'number' ? 'int' : 'str'}' object is not subscriptable`);
  },
  convert: (obj, c) => (c === 's' ? strOf(obj) : typeof obj === 'string' ? strRepr(obj) : strOf(obj)),
  format: (obj, spec) => {
    if (typeof obj === 'number') return formatInt(obj, spec);
    if (typeof obj === 'string') return formatStr(obj, spec);
    if (spec !== '') throw err('TypeError', `unsupported format string passed to ${Array.isArray(obj) ? 'list' : 'type'}.__format__`);
    return strOf(obj);
  },
};

function ours(template: string): string {
  try {
    return renderTemplate(parseTemplate(template), hooks);
  } catch (e) {
    if (e instanceof PyValueError) return `ERR ${e.pyType}: ${e.message}`;
    throw e;
  }
}

const templates = [
  '', 'plain', '{', '}', 'a}b', '{{}}', 'a{{b}}c', '{0!}', '{0!:}', '{0!x}', '{0!rx}', '{!r}', '{0[}', '{0]}', '{0.}', '{0[]}',
  '{0.x[0]y}', '{a{b}c}', '{:{:{}}}', '{:{}}', '{}{0}', '{0}{}', '{1}', '{x}', '{x.x}', '{x.y}', '{-1}', '{0[-1]}', '{0:}',
  '{0!r:>{1}}', '{1:{2}}', '{1:>{2}}|{1:<{}}', '{:{}{}}', '{1:{2}.{2}f}', '{0:}}', '{0:{{}}}', '{0[a]b}', '{0[0]', 'x{0', '{0!r',
  '{0:', '{ 0}', '{0 }', '{99999999999999999999}', '{0!\u00e9}', '{0.x!r:}', '{0[1]} {0[0]} {0[5]}', '{1} {2} {3}', '{} {} {}',
  '{} {} {} {}', '{s!r:^11}|{s!s:>7}|{s!a}', '{s[0]}', '{1[0]}', '{x.x:+05d}', 'x{1}y{2}z{{', '{1:{0}}', '{1}{', '{1}}',
  '{1:>{2}{s}}', '{1:{{2}}}', '{s:\u00e9^9}', '{0[0]x}', '{0[0].y}', '{1!s:{2}}', '{1!}', '{1!r}',
];

describe.skipIf(!HAS_PYTHON)('str.format against python3', () => {
  it('parses and renders templates with CPython errors in CPython order', () => {
    const code = `
import sys, json
class O: x = 5
out = []
for t in json.load(sys.stdin):
    try: out.append(t.format([1, 2], 10, 2, x=O, s='hello'))
    except Exception as e: out.append('ERR ' + type(e).__name__ + ': ' + str(e))
print(json.dumps(out))`;
    const expected = JSON.parse(python(code, JSON.stringify(templates))) as string[];
    expect(templates.map((t) => `${t} -> ${ours(t)}`)).toEqual(templates.map((t, i) => `${t} -> ${expected[i]}`));
  });
});
