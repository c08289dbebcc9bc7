/**
 * The oracle for the memory tests: run one python3 snippet per test file and read back JSON.
 * When python3 is not 3.11 (or missing), `oracle` is null and the suites skip with a message.
 */
import { execFileSync } from 'node:child_process';

function probe(): boolean {
  try {
    const v = execFileSync('python3', ['-c', 'import sys;print(sys.version_info[:2]==(3,11))'], { encoding: 'utf8' });
    return v.trim() === 'True';
  } catch {
    return false;
  }
}

export const hasPython311 = probe();
export const skipMessage = 'python3 (CPython 3.11) not available: oracle comparisons skipped';

/** Run `code` (which must print one JSON document) and parse its output. */
export function runPython<T = unknown>(code: string): T {
  const out = execFileSync('python3', ['-'], { input: code, encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out) as T;
}

/**
 * Evaluate each expression with python3 and return `sys.getsizeof` of the result.
 * `setup` runs first (imports, class definitions).
 */
export function pySizes(exprs: readonly string[], setup = ''): number[] {
  const code = [
    'import sys, json',
    setup,
    `exprs = ${JSON.stringify(exprs)}`,
    'out = []',
    'for e in exprs:',
    '    out.append(sys.getsizeof(eval(e)))',
    'print(json.dumps(out))',
  ].join('\n');
  return runPython<number[]>(code);
}
