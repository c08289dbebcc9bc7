// Syntax errors: the parser raises CPython's exception (type, message, position, source line)
// and formatSyntaxError prints exactly what `python3 FILE.py` writes on stderr.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSyntaxError, parse, PySyntaxError } from '../../packages/engine/src/python/index.js';
import { ERRORS } from './error-cases.js';
import { hasPython, hasShared, oracle, sharedCases, type PyError } from './oracle.js';

/**
 * Sources whose attributes differ between compile() of a string (the attribute oracle) and a file
 * run by `python3 FILE.py` (what we model): at the end of a file read from disk the tokenizer's
 * column is 0. Their printed form is still checked.
 */
const FILE_MODE_ONLY = new Set(['try:\n pass\n']);

function raise(src: string, filename = 'prog.py', mode: 'file' | 'string' = 'file'): PySyntaxError {
  try {
    parse(src, filename, mode);
  } catch (e) {
    if (e instanceof PySyntaxError) return e;
    throw e;
  }
  throw new Error(`no SyntaxError for ${JSON.stringify(src)}`);
}

if (!hasPython) console.warn('skipping the syntax error tests: python3 (CPython 3.11) not found');

describe.skipIf(!hasPython)('syntax errors match CPython', () => {
  const attrs = hasPython ? oracle(ERRORS.map((src) => ({ op: 'error' as const, src }))) as PyError[] : [];
  const printed = hasPython ? oracle(ERRORS.map((src) => ({ op: 'stderr' as const, src }))) as string[] : [];
  const cases = ERRORS.map((s, i) => [JSON.stringify(s).slice(0, 70), i] as const);

  it.each(cases)('attributes: %s', (_name, i) => {
    const e = raise(ERRORS[i], 'prog.py', 'string'); // the attribute oracle is compile() of a str
    const w = attrs[i];
    expect(w).not.toBeNull();
    const got = { type: e.pyType, msg: e.msg, lineno: e.lineno, offset: e.offset, end_lineno: e.end_lineno, end_offset: e.end_offset };
    const want = { type: w.type, msg: w.msg, lineno: w.lineno, offset: w.offset, end_lineno: w.end_lineno, end_offset: w.end_offset };
    if (FILE_MODE_ONLY.has(ERRORS[i])) expect(got.msg).toBe(want.msg);
    else expect(got).toEqual(want);
    expect((e.text ?? '').replace(/\n$/, '')).toBe((w.text ?? '').replace(/\n$/, ''));
  });

  it.each(cases)('printed: %s', (_name, i) => {
    expect(formatSyntaxError(raise(ERRORS[i]), 'prog.py')).toBe(printed[i]);
  });
});

describe.skipIf(!hasShared)('conformance cases that are syntax errors', () => {
  for (const name of ['077_syntaxerror_unclosed_bracket', '078_syntaxerror_missing_colon']) {
    it(name, () => {
      if (!hasShared) return;
      const src = readFileSync(join(sharedCases, `${name}.py`), 'utf8');
      const want = readFileSync(join(sharedCases, `${name}.err`), 'utf8');
      expect(formatSyntaxError(raise(src, `${name}.py`), `${name}.py`)).toBe(want);
    });
  }
});

// Expected texts below were printed by python3 raising SyntaxError with the same attributes.
describe('formatSyntaxError', () => {
  it('prints one caret for IndentationError whatever the end offset', () => {
    const e = new PySyntaxError('IndentationError', 'unexpected indent', 'f.py', 1, 3, 1, 9, '  x = 1\n');
    expect(formatSyntaxError(e, 'f.py')).toBe('  File "f.py", line 1\n    x = 1\n    ^\nIndentationError: unexpected indent\n');
  });

  it('clips carets to the line and prints no line when there is no text', () => {
    const e = new PySyntaxError('SyntaxError', 'm', 'f.py', 2, 1, 2, 99, 'ab\n');
    expect(formatSyntaxError(e, 'f.py')).toBe('  File "f.py", line 2\n    ab\n    ^^^\nSyntaxError: m\n');
    const n = new PySyntaxError('SyntaxError', "'return' outside function", 'f.py', 3, 1, 3, 7, null);
    expect(formatSyntaxError(n, 'f.py')).toBe('  File "f.py", line 3\nSyntaxError: \'return\' outside function\n');
  });
});
