// Every program of the shared conformance corpus parses to exactly the AST CPython builds
// (or fails with CPython's message, for the cases that are syntax errors).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, PySyntaxError } from '../../packages/engine/src/python/index.js';
import { hasPython, hasShared, oracle, sharedCases, toPyJson } from './oracle.js';

const ready = hasPython && hasShared;
if (!ready) console.warn(`skipping the conformance AST tests: ${hasShared ? 'python3 (CPython 3.11) not found' : `${sharedCases} is absent`}`);

describe.skipIf(!ready)('conformance corpus', () => {
  const files = ready ? readdirSync(sharedCases).filter((f) => f.endsWith('.py')).sort() : [];
  const sources = files.map((f) => readFileSync(join(sharedCases, f), 'utf8'));
  const expected = ready ? oracle(sources.map((src) => ({ op: 'ast' as const, src }))) : [];

  it.each(files.map((f, i) => [f, i] as const))('%s', (_name, i) => {
    let got: unknown;
    try {
      got = toPyJson(parse(sources[i], files[i]));
    } catch (e) {
      if (!(e instanceof PySyntaxError)) throw e;
      got = { error: e.msg };
    }
    expect(got).toEqual(expected[i]);
  });
});
