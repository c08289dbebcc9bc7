// Correctly rounded sin, cos, tan, atan, atan2, asin and acos. CPython calls glibc, whose
// trigonometric functions are correctly rounded in practice; V8's differ from them in the last
// bit for a few percent of arguments (and random.gauss draws through cos and sin). We evaluate
// in binary fixed point with BigInt: the argument is reduced modulo pi/2 exactly enough (pi is
// known to 1400 bits, so even 2**1023 reduces right), the series run with 200 fractional bits,
// and the result is rounded once to a double.
import { bigBitLength, decompose } from '../../values/ieee.js';
import { ratioToDouble } from '../../values/int.js';

/** isqrt of a non-negative bigint (Newton from above). */
export function bigIsqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bigBitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

const F = 200n;
const ONE = 1n << F;
const G = 1400n;

/** atan(1/n) * 2**bits for an integer n >= 2, by its alternating series. */
function atanInv(n: bigint, bits: bigint): bigint {
  const n2 = n * n;
  let term = (1n << bits) / n;
  let sum = term;
  for (let k = 1n; term !== 0n; k++) {
    term /= n2;
    const t = term / (2n * k + 1n);
    sum += k & 1n ? -t : t;
  }
  return sum;
}

/** pi * 2**G (Machin: pi = 16 atan(1/5) - 4 atan(1/239)), with guard bits dropped. */
const PI_G = (16n * atanInv(5n, G + 16n) - 4n * atanInv(239n, G + 16n)) >> 16n;
const HALF_PI_G = PI_G >> 1n;
const PI_F = PI_G >> (G - F);
const HALF_PI_F = PI_F >> 1n;

const mulF = (a: bigint, b: bigint): bigint => (a * b) >> F;

/** sin(r) and cos(r) for a fixed-point |r| <= pi/4, by their Taylor series. */
function sinCosFixed(r: bigint): [bigint, bigint] {
  const r2 = mulF(r, r);
  let s = r;
  let term = r;
  for (let n = 2n; term !== 0n; n += 2n) {
    term = -mulF(term, r2) / (n * (n + 1n));
    s += term;
  }
  let c = ONE;
  term = ONE;
  for (let n = 1n; term !== 0n; n += 2n) {
    term = -mulF(term, r2) / (n * (n + 1n));
    c += term;
  }
  return [s, c];
}

/** x (finite) reduced: x = k * pi/2 + r, |r| <= pi/4; r in fixed point, k mod 4. */
function reduce(x: number): [bigint, number] {
  const { mant, exp } = decompose(Math.abs(x));
  const X = mant << BigInt(exp + Number(G));
  let k = (X + (HALF_PI_G >> 1n)) / HALF_PI_G;
  let r = X - k * HALF_PI_G;
  if (x < 0) {
    r = -r;
    k = -k;
  }
  return [r >> (G - F), Number(((k % 4n) + 4n) % 4n)];
}

function toDouble(v: bigint): number {
  if (v === 0n) return 0;
  const neg = v < 0n;
  const r = ratioToDouble(neg ? -v : v, 1n, -Number(F));
  return neg ? -r : r;
}

function ratio(a: bigint, b: bigint): number {
  const neg = a < 0n !== b < 0n;
  const r = ratioToDouble(a < 0n ? -a : a, b < 0n ? -b : b, 0);
  return neg ? -r : r;
}

/** Below this, sin(x), tan(x), atan(x) and asin(x) round to x, and cos(x) to 1. */
const TINY = 2 ** -27;

export function crSin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < TINY) return x;
  const [r, q] = reduce(x);
  const [s, c] = sinCosFixed(r);
  return toDouble([s, c, -s, -c][q]!);
}

export function crCos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < TINY) return 1;
  const [r, q] = reduce(x);
  const [s, c] = sinCosFixed(r);
  return toDouble([c, -s, -c, s][q]!);
}

export function crTan(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < TINY) return x;
  const [r, q] = reduce(x);
  const [s, c] = sinCosFixed(r);
  return q % 2 === 0 ? ratio(s, c) : ratio(-c, s);
}

/** atan(z) for a fixed-point 0 <= z <= 1: halve the angle twice, then the series. */
function atanFixed(z: bigint): bigint {
  let t = z;
  for (let i = 0; i < 2; i++) {
    // atan(t) = 2 atan(t / (1 + sqrt(1 + t**2)))
    const root = bigIsqrt((ONE + mulF(t, t)) << F);
    t = (t << F) / (ONE + root);
  }
  const t2 = mulF(t, t);
  let sum = t;
  let term = t;
  for (let n = 3n; ; n += 2n) {
    term = -mulF(term, t2);
    const d = term / n;
    if (d === 0n) break;
    sum += d;
  }
  return sum << 2n;
}

/** The exact value of a finite double as a fraction num / 2**den (den >= 0). */
function exact(x: number): [bigint, bigint] {
  const { mant, exp } = decompose(Math.abs(x));
  const v = x < 0 ? -mant : mant;
  return exp >= 0 ? [v << BigInt(exp), 0n] : [v, BigInt(-exp)];
}

/** atan(|y| / |x|) in fixed point, for finite, not both zero, arguments. */
function atanRatio(y: number, x: number): bigint {
  const [ny, dy] = exact(Math.abs(y));
  const [nx, dx] = exact(Math.abs(x));
  // |y| / |x| = (ny * 2**dx) / (nx * 2**dy)
  const a = ny << dx;
  const b = nx << dy;
  if (a <= b) return atanFixed((a << F) / b);
  return HALF_PI_F - atanFixed((b << F) / a);
}

export function crAtan(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x === Infinity) return toDouble(HALF_PI_F);
  if (x === -Infinity) return -toDouble(HALF_PI_F);
  if (Math.abs(x) < TINY) return x;
  const v = atanRatio(x, 1);
  return toDouble(x < 0 ? -v : v);
}

export function crAtan2(y: number, x: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  // Zeros and infinities: C99's table, which Math.atan2 implements (its values are the
  // correctly rounded multiples of pi/4 themselves).
  if (y === 0 || x === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return Math.atan2(y, x);
  let v = atanRatio(y, x);
  if (x < 0) v = PI_F - v;
  return toDouble(y < 0 ? -v : v);
}

/** asin and acos through atan2 with sqrt(1 - x**2) in fixed point. */
function sqrtOneMinusSquare(x: number): [bigint, bigint] {
  const [n, d] = exact(x);
  // 1 - x**2 = (4**d - n**2) / 4**d; its root is sqrt(4**d - n**2) / 2**d.
  const rad = (1n << (2n * d)) - n * n;
  const scaled = rad << (2n * F);
  return [bigIsqrt(scaled), d];
}

export function crAsin(x: number): number {
  if (Number.isNaN(x) || Math.abs(x) > 1) return NaN;
  if (Math.abs(x) < TINY) return x;
  const [root, d] = sqrtOneMinusSquare(x);
  const [n] = exact(Math.abs(x));
  // asin(x) = atan(|x| / sqrt(1 - x**2)), |x| = n / 2**d; root = sqrt(1 - x**2) * 2**(d + F).
  const a = n << F;
  let v: bigint;
  if (root === 0n) v = HALF_PI_F;
  else if (a <= root) v = atanFixed((a << F) / root);
  else v = HALF_PI_F - atanFixed((root << F) / a);
  return toDouble(x < 0 ? -v : v);
}

export function crAcos(x: number): number {
  if (Number.isNaN(x) || Math.abs(x) > 1) return NaN;
  if (x === 1) return 0;
  const [root, d] = sqrtOneMinusSquare(x);
  const [n] = exact(Math.abs(x));
  void d;
  const a = n << F;
  // acos(|x|) = atan(sqrt(1 - x**2) / |x|); acos(-|x|) = pi - acos(|x|).
  let v: bigint;
  if (a === 0n) v = HALF_PI_F;
  else if (root <= a) v = atanFixed((root << F) / a);
  else v = HALF_PI_F - atanFixed((a << F) / root);
  return toDouble(x < 0 ? PI_F - v : v);
}
