// The oracle: run a snippet in python3 (CPython 3.11, PYTHONHASHSEED=0) and read its stdout.
// Suites use `describe.skipIf(!HAS_PYTHON)` so they skip with a message when python3 is absent.
import { spawnSync } from 'node:child_process';

function probe(): boolean {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'True';
}

export const HAS_PYTHON = probe();
if (!HAS_PYTHON) console.warn('test/values: python3 (CPython 3.11) not found; oracle comparisons are skipped');

/** Run `code` with `input` on stdin; returns stdout. Throws on a Python error. */
export function python(code: string, input = ''): string {
  const r = spawnSync('python3', ['-c', code], {
    input,
    encoding: 'utf8',
    env: { ...process.env, PYTHONHASHSEED: '0', PYTHONIOENCODING: 'utf-8' },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * Evaluate each expression (one per line of `exprs`) in python3 and return, per expression, either
 * its repr or 'ERR <ExceptionType>: <message>'. `setup` runs first (imports, helpers).
 */
export function pyEvalEach(exprs: readonly string[], setup = ''): string[] {
  const code = `
import sys, json
${setup}
out = []
for line in json.load(sys.stdin):
    try:
        v = eval(line)
        out.append(v if isinstance(v, str) else repr(v))
    except Exception as e:
        out.append('ERR ' + type(e).__name__ + ': ' + str(e))
json.dump(out, sys.stdout)
`;
  return JSON.parse(python(code, JSON.stringify(exprs))) as string[];
}

/** A small deterministic PRNG (xorshift32) so test inputs are reproducible. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** A double from 64 random bits (all finite values, with many subnormals and extremes). */
export function randomDouble(next: () => number): number {
  const view = new DataView(new ArrayBuffer(8));
  for (;;) {
    view.setUint32(0, next());
    view.setUint32(4, next());
    const x = view.getFloat64(0);
    if (Number.isFinite(x)) return x;
  }
}

/** Python source for a float value that round-trips exactly. */
export function pyFloat(x: number): string {
  if (x !== x) return "float('nan')";
  if (x === Infinity) return "float('inf')";
  if (x === -Infinity) return "(-float('inf'))";
  if (Object.is(x, -0)) return '(-0.0)';
  return `float.fromhex('${floatHex(x)}')`;
}

function floatHex(x: number): string {
  // An exact hex form: sign, integer significand, binary exponent.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = BigInt(hi & 0xfffff) * 4294967296n + BigInt(lo);
  let exp = -1074;
  if (biased !== 0) {
    mant += 1n << 52n;
    exp = biased - 1075;
  }
  return (x < 0 ? '-' : '') + '0x' + mant.toString(16) + 'p' + exp;
}
