// Correctly rounded exp/log/pow. CPython calls the C library, and glibc's exp, log and pow are
// correctly rounded in practice, while V8's Math.exp/log/pow (fdlibm ports) are often an ulp off.
// We evaluate in 160-bit binary fixed point with BigInt (errors near 2**-150, far below the
// half-ulp decisions that matter) and round once to a double.

import { decompose, bigBitLength } from './ieee.js';
import { ratioToDouble } from './int.js';

const F = 160n;
const ONE = 1n << F;

/** atanh(z) for a fixed-point |z| <= 1/3: z + z**3/3 + z**5/5 + ... */
function atanh(z: bigint): bigint {
  const zz = (z * z) >> F;
  let term = z;
  let sum = z;
  for (let k = 3n; ; k += 2n) {
    term = (term * zz) >> F;
    const t = term / k;
    if (t === 0n) break;
    sum += t;
  }
  return sum;
}

const LN2 = 2n * atanh(ONE / 3n); // ln 2 = 2 atanh(1/3)
const LN10 = 3n * LN2 + 2n * atanh(ONE / 9n); // ln 10 = 3 ln 2 + ln(5/4), ln(5/4) = 2 atanh(1/9)

/** ln(x) in fixed point, for a finite x > 0. */
function lnFixed(x: number): bigint {
  let { mant, exp } = decompose(x);
  const shift = 53 - bigBitLength(mant); // normalize subnormals: mant in [2**52, 2**53)
  mant <<= BigInt(shift);
  exp -= shift;
  const v = mant << (F - 52n); // in [1, 2)
  const z = ((v - ONE) << F) / (v + ONE);
  return 2n * atanh(z) + BigInt(exp + 52) * LN2;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** e**t for a fixed-point t, rounded to a double (Infinity on overflow, 0 on underflow). */
function expFixed(t: bigint): number {
  if (t > 710n * ONE) return Infinity;
  if (t < -746n * ONE) return 0;
  const k = floorDiv(t + LN2 / 2n, LN2);
  const r = t - k * LN2; // |r| <= ln2 / 2
  // exp(r) = exp(r / 256) ** 256, the inner one by its Taylor series.
  const small = r >> 8n;
  let sum = ONE;
  let term = ONE;
  for (let n = 1n; ; n++) {
    term = ((term * small) >> F) / n;
    if (term === 0n) break;
    sum += term;
  }
  for (let i = 0; i < 8; i++) sum = (sum * sum) >> F;
  return ratioToDouble(sum, 1n, Number(k) - 160);
}

/** A double as fixed point (x finite, |x| < 2**20 so the result stays small). */
function toFixed(x: number): bigint {
  const { mant, exp } = decompose(x);
  const e = BigInt(exp) + F;
  const v = e >= 0n ? mant << e : mant >> -e;
  return x < 0 ? -v : v;
}

function fixedToDouble(v: bigint): number {
  const neg = v < 0n;
  const r = ratioToDouble(neg ? -v : v, 1n, -160);
  return neg ? -r : r;
}

/** exp(x), correctly rounded; Infinity when it overflows (math.exp raises OverflowError then). */
export function crExp(x: number): number {
  if (x !== x) return x;
  if (x === Infinity) return Infinity;
  if (x === -Infinity) return 0;
  if (x > 710) return Infinity;
  if (x < -746) return 0;
  if (x === 0) return 1;
  return expFixed(toFixed(x));
}

/** ln(x) for a finite x > 0, correctly rounded. */
export function crLog(x: number): number {
  if (x === 1) return 0;
  return fixedToDouble(lnFixed(x));
}

/** log2(x) for a finite x > 0. Exact for powers of two. */
export function crLog2(x: number): number {
  const L = lnFixed(x);
  const neg = L < 0n;
  const r = ratioToDouble(neg ? -L : L, LN2, 0);
  return neg ? -r : r;
}

/** log10(x) for a finite x > 0. Exact for powers of ten. */
export function crLog10(x: number): number {
  const L = lnFixed(x);
  const neg = L < 0n;
  const r = ratioToDouble(neg ? -L : L, LN10, 0);
  return neg ? -r : r;
}

/**
 * x ** y for finite x > 0 and finite y, correctly rounded: exp(y ln x) with y's exact binary value.
 * Infinity when it overflows.
 */
export function crPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  const L = lnFixed(x);
  const { mant, exp } = decompose(y);
  let t = L * mant;
  t = exp >= 0 ? t << BigInt(exp) : t >> BigInt(-exp);
  if (y < 0) t = -t;
  return expFixed(t);
}
