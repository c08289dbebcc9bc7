// The standard-library modules realistic programs import (copy, math, operator, heapq, bisect,
// ...): each program in programs/<name>_mod.py must print under the Engine exactly what python3
// prints, stdout and stderr.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hasPython, runEngine, runPython } from './harness.js';

const program = (name: string): string => readFileSync(new URL(`./programs/${name}.py`, import.meta.url), 'utf8');

const PROGRAMS = ['copy_mod', 'math_mod', 'operator_mod', 'heapq_mod', 'bisect_mod', 'random_mod'];

describe.skipIf(!hasPython)('stdlib modules (compared with python3 3.11)', () => {
  for (const name of PROGRAMS) {
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
if (!hasPython) describe('stdlib modules', () => it.skip('python3 3.11 is not available: nothing to compare with', () => {}));
