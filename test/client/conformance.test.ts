// The shared conformance corpus, run through the real command exactly as check.sh runs it: from
// inside the cases directory, with the bare file name, the pinned environment, stdin closed, and
// stdout, stderr (with the absolute path put back) and the exit status compared byte for byte.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, refscopeAsync, root, type Result } from './helpers.js';

/** Cases that must pass. Raise it when the engine passes more; never lower it. */
const FLOOR = 78;
const PARALLEL = 4;
/** check.sh's per-case limit, and its CHECK_TIMEOUT override (seconds). */
const TIMEOUT_MS = Number(process.env.CHECK_TIMEOUT ?? 20) * 1000;

const casesDir = path.resolve(root, '../shared/conformance/cases');
const present = existsSync(casesDir);

function expected(dir: string, base: string): { stdout: string; stderr: string | null; status: number } {
  const read = (ext: string) => (existsSync(path.join(dir, base + ext)) ? readFileSync(path.join(dir, base + ext), 'utf8') : null);
  const err = read('.err');
  return {
    stdout: read('.out') ?? '',
    stderr: err === null ? null : err.split(`File "${base}.py"`).join(`File "${dir}/${base}.py"`),
    status: Number((read('.code') ?? '0').trim()),
  };
}

function firstDifference(want: string, got: string): string {
  const w = want.split('\n');
  const g = got.split('\n');
  for (let i = 0; i < Math.max(w.length, g.length); i++) {
    if (w[i] !== g[i]) {
      const show = (s: string | undefined) => (s === undefined ? 'end of output' : JSON.stringify(s.slice(0, 160)));
      return `line ${i + 1}: expected ${show(w[i])}, got ${show(g[i])}`;
    }
  }
  return 'differs only in the final newline';
}

function verdict(dir: string, base: string, r: Result): string | null {
  const want = expected(dir, base);
  if (r.status === null) return `timed out after ${TIMEOUT_MS / 1000}s`;
  if (r.stdout !== want.stdout) return `stdout ${firstDifference(want.stdout, r.stdout)}`;
  if (want.stderr !== null && r.stderr !== want.stderr) return `stderr ${firstDifference(want.stderr, r.stderr)}`;
  if (r.status !== want.status) return `exit code: expected ${want.status}, got ${r.status}`;
  return null;
}

describe('conformance corpus (../shared/conformance/cases)', () => {
  it.skipIf(!present)(`passes at least ${FLOOR} cases`, async () => {
    ensureBuilt();
    const dir = realpathSync(casesDir); // check.sh uses `pwd -P`
    const cases = readdirSync(dir).filter((f) => f.endsWith('.py')).sort().map((f) => f.slice(0, -3));
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const base = cases[next++]!;
        const why = verdict(dir, base, await refscopeAsync(['run', `${base}.py`], dir, TIMEOUT_MS));
        if (why) failures.push(`FAIL ${base}: ${why}`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    failures.sort();
    const passed = cases.length - failures.length;
    console.log([...failures, `conformance: ${passed} passed, ${failures.length} failed (floor ${FLOOR})`].join('\n'));
    expect(passed, `conformance fell below its floor:\n${failures.join('\n')}`).toBeGreaterThanOrEqual(FLOOR);
  }, 10 * 60_000);

  it.skipIf(present)('is skipped: ../shared/conformance/cases is not next to the repository', () => {});
});
