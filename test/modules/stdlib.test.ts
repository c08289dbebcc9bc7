// The standard-library modules realistic programs import (copy, math, operator, heapq, bisect,
// random, abc, contextlib, types, string, time, ...): each program in programs/<name>_mod.py must
// print under the Engine exactly what python3 prints, stdout, stderr (tracebacks included: both
// run the program from the same file path) and exit status.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../packages/engine/src/engine.js';
import { hasPython, type RunResult } from './harness.js';

const program = (name: string): string => readFileSync(new URL(`./programs/${name}.py`, import.meta.url), 'utf8');

function runEngineAt(source: string, path: string): RunResult {
  let stdout = '';
  let stderr = '';
  const engine = new Engine(source, { filename: 'prog.py', displayPath: path, onStdout: (t) => (stdout += t), onStderr: (t) => (stderr += t) });
  while (!engine.finished) engine.run({ steps: 100000 });
  return { stdout, stderr, code: engine.exitCode ?? 1 };
}

function runPythonAt(source: string, path: string): RunResult {
  writeFileSync(path, source);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON') && v !== undefined) env[k] = v;
  Object.assign(env, { PYTHONHASHSEED: '0', PYTHONUTF8: '1', PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' });
  const r = spawnSync('python3', ['-S', path], { encoding: 'utf8', env });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 1 };
}

const PROGRAMS = [
  'copy_mod', 'math_mod', 'operator_mod', 'heapq_mod', 'bisect_mod', 'random_mod',
  'abc_mod', 'contextlib_mod', 'types_mod', 'string_mod', 'time_mod', 'dataclasses_mod', 'enum_mod', 'typing_mod',
  'json_mod', 'statistics_mod', 'collections_abc_mod', 'pprint_mod', 'textwrap_mod', 'datetime_mod', 'queue_mod',
  'stdlib_realistic_mod', 'stdlib_observers_mod',
];

describe.skipIf(!hasPython)('stdlib modules (compared with python3 3.11)', () => {
  for (const name of PROGRAMS) {
    it(`${name}.py prints what CPython prints`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'refscope-stdlib-'));
      try {
        const path = join(dir, `${name}.py`);
        const src = program(name);
        const want = runPythonAt(src, path);
        const got = runEngineAt(src, path);
        expect(got.stdout).toBe(want.stdout);
        expect(got.stderr).toBe(want.stderr);
        expect(got.code).toBe(want.code);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
if (!hasPython) describe('stdlib modules', () => it.skip('python3 3.11 is not available: nothing to compare with', () => {}));
