// A corpus of snippets covering the grammar: each parses to exactly the AST CPython builds.
import { describe, expect, it } from 'vitest';
import { parse, PySyntaxError } from '../../packages/engine/src/python/index.js';
import { hasPython, oracle, toPyJson } from './oracle.js';
import { SNIPPETS } from './snippets.js';

if (!hasPython) console.warn('skipping the parser snippet tests: python3 (CPython 3.11) not found');

describe.skipIf(!hasPython)('snippets parse like CPython', () => {
  const expected = hasPython ? oracle(SNIPPETS.map((src) => ({ op: 'ast' as const, src }))) : [];
  it.each(SNIPPETS.map((s, i) => [JSON.stringify(s).slice(0, 60), i] as const))('%s', (_name, i) => {
    let got: unknown;
    try {
      got = toPyJson(parse(SNIPPETS[i], 'snippet.py'));
    } catch (e) {
      if (!(e instanceof PySyntaxError)) throw e;
      got = { error: e.msg };
    }
    expect(got).toEqual(expected[i]);
  });
});
