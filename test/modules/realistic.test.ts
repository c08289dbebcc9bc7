import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hasPython, runEngine, runPython } from './harness.js';

const program = (name: string): string => readFileSync(new URL(`./programs/${name}.py`, import.meta.url), 'utf8');

describe.skipIf(!hasPython)('modules together (compared with python3 3.11)', () => {
  it('realistic_mix.py prints what CPython prints', () => {
    const src = program('realistic_mix');
    const want = runPython(src);
    const got = runEngine(src);
    expect(got.stdout).toBe(want.stdout);
    expect(got.stderr).toBe(want.stderr);
  });
});
if (!hasPython) describe('modules together', () => it.skip('python3 3.11 is not available: nothing to compare with', () => {}));
