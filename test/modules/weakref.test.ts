import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hasPython, runEngine, runPython } from './harness.js';

const program = (name: string): string => readFileSync(new URL(`./programs/${name}.py`, import.meta.url), 'utf8');

describe.skipIf(!hasPython)('weakref module (compared with python3 3.11)', () => {
  for (const name of ['weakref_extras', 'weakref_core', 'weakset']) {
    it(`${name}.py prints what CPython prints`, () => {
      const src = program(name);
      const want = runPython(src);
      const got = runEngine(src);
      expect(got.stdout).toBe(want.stdout);
      expect(got.stderr).toBe(want.stderr);
      expect(got.code).toBe(want.code);
    });
  }
});
if (!hasPython) describe('weakref module', () => it.skip('python3 3.11 is not available: nothing to compare with', () => {}));
