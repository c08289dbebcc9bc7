// Real-world code: modules of CPython's own standard library parse to exactly the AST CPython
// builds for them (skipped when python3 is not CPython 3.11).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../packages/engine/src/python/index.js';
import { hasPython, oracle, toPyJson } from './oracle.js';

const MODULES = [
  'ast.py', 'dataclasses.py', 'typing.py', 'argparse.py', 'functools.py', 'collections/__init__.py',
  'json/decoder.py', 'string.py', 'textwrap.py', 'weakref.py', 'contextlib.py', 'enum.py',
];

const stdlib = hasPython
  ? execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim()
  : '';
const files = MODULES.map((m) => join(stdlib, m)).filter((f) => stdlib && existsSync(f));
if (!files.length) console.warn('skipping the standard-library parse tests: python3 (CPython 3.11) or its Lib/ not found');

describe.skipIf(!files.length)('standard library modules', () => {
  const sources = files.map((f) => readFileSync(f, 'utf8'));
  const expected = files.length ? oracle(sources.map((src) => ({ op: 'ast' as const, src }))) : [];
  it.each(files.map((f, i) => [f.slice(stdlib.length + 1), i] as const))('%s', (_name, i) => {
    const got = JSON.stringify(toPyJson(parse(sources[i], files[i])));
    const want = JSON.stringify(expected[i]);
    if (got !== want) {
      let k = 0;
      while (k < got.length && got[k] === want[k]) k++;
      expect(got.slice(Math.max(0, k - 200), k + 200)).toBe(want.slice(Math.max(0, k - 200), k + 200));
    }
  });
});
