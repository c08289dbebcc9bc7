// Python int semantics over JS values. An int is a PyInt: a JS number when it is a safe integer
// (|n| <= 2**53 - 1, never -0) and a bigint otherwise. Every function accepts either form (a bigint
// in the safe range is fine too) and returns the normalized form, so small-int arithmetic stays on
// the fast number path and the runtime can compare normalized ints with ===.

import { zeroDivisionError, valueError, overflowError, PyValueError } from './errors.js';
import { bigBitLength, ldexp } from './ieee.js';
import { floatPow } from './float.js';
import { pow10 } from './dtoa.js';

export type PyInt = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** The normalized form of an int value. */
export function normInt(n: bigint | number): PyInt {
  if (typeof n === 'number') return n === 0 ? 0 : n;
  return n >= MIN_SAFE && n <= MAX_SAFE ? Number(n) : n;
}

export function toBigInt(n: PyInt): bigint {
  return typeof n === 'bigint' ? n : BigInt(n);
}

export function intAdd(a: PyInt, b: PyInt): PyInt {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return normInt(toBigInt(a) + toBigInt(b));
}

export function intSub(a: PyInt, b: PyInt): PyInt {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return normInt(toBigInt(a) - toBigInt(b));
}

export function intMul(a: PyInt, b: PyInt): PyInt {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return normInt(toBigInt(a) * toBigInt(b));
}

export function intNeg(a: PyInt): PyInt {
  return typeof a === 'number' ? (a === 0 ? 0 : -a) : normInt(-a);
}

export function intAbs(a: PyInt): PyInt {
  return typeof a === 'number' ? Math.abs(a) : normInt(a < 0n ? -a : a);
}

/** ~a == -a - 1 */
export function intInvert(a: PyInt): PyInt {
  return intSub(intNeg(a), 1);
}

function isInt32(n: PyInt): n is number {
  return typeof n === 'number' && (n | 0) === n;
}

export function intAnd(a: PyInt, b: PyInt): PyInt {
  if (isInt32(a) && isInt32(b)) return a & b;
  return normInt(toBigInt(a) & toBigInt(b));
}

export function intOr(a: PyInt, b: PyInt): PyInt {
  if (isInt32(a) && isInt32(b)) return a | b;
  return normInt(toBigInt(a) | toBigInt(b));
}

export function intXor(a: PyInt, b: PyInt): PyInt {
  if (isInt32(a) && isInt32(b)) return a ^ b;
  return normInt(toBigInt(a) ^ toBigInt(b));
}

export function intSign(a: PyInt): -1 | 0 | 1 {
  if (typeof a === 'number') return a > 0 ? 1 : a < 0 ? -1 : 0;
  return a > 0n ? 1 : a < 0n ? -1 : 0;
}

/** divmod(a, b) for ints: the quotient is floored, the remainder takes the sign of b. */
export function intDivmod(a: PyInt, b: PyInt): [PyInt, PyInt] {
  if (b === 0 || b === 0n) throw zeroDivisionError('integer division or modulo by zero');
  if (typeof a === 'number' && typeof b === 'number') {
    let r = a % b;
    let q = (a - r) / b; // exact: a - r is a multiple of b
    if (r !== 0 && r < 0 !== b < 0) {
      r += b;
      q -= 1;
    }
    return [q === 0 ? 0 : q, r === 0 ? 0 : r];
  }
  const x = toBigInt(a);
  const y = toBigInt(b);
  let q = x / y;
  let r = x - q * y;
  if (r !== 0n && r < 0n !== y < 0n) {
    r += y;
    q -= 1n;
  }
  return [normInt(q), normInt(r)];
}

/** a // b */
export function intFloorDiv(a: PyInt, b: PyInt): PyInt {
  if (b === 0 || b === 0n) throw zeroDivisionError('integer division or modulo by zero');
  return intDivmod(a, b)[0];
}

/** a % b */
export function intMod(a: PyInt, b: PyInt): PyInt {
  if (b === 0 || b === 0n) throw zeroDivisionError('integer modulo by zero');
  if (typeof a === 'number' && typeof b === 'number') {
    let r = a % b;
    if (r !== 0 && r < 0 !== b < 0) r += b;
    return r === 0 ? 0 : r;
  }
  return intDivmod(a, b)[1];
}

/** float(a): correctly rounded, OverflowError when out of range. */
export function intToFloat(a: PyInt): number {
  if (typeof a === 'number') return a;
  const f = Number(a); // BigInt → Number rounds to nearest, ties to even
  if (!Number.isFinite(f)) throw overflowError('int too large to convert to float');
  return f;
}

/**
 * a / b for ints, correctly rounded as CPython's long_true_divide: the exact quotient rounded once
 * to the nearest double (ties to even), including in the subnormal range.
 */
export function intTrueDiv(a: PyInt, b: PyInt): number {
  if (b === 0 || b === 0n) throw zeroDivisionError('division by zero');
  // Both exact doubles: IEEE division is already correctly rounded.
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  let x = toBigInt(a);
  let y = toBigInt(b);
  const negative = x < 0n !== y < 0n;
  if (x < 0n) x = -x;
  if (y < 0n) y = -y;
  const result = ratioToDouble(x, y, 0);
  if (result === Infinity) throw overflowError('integer division result too large for a float');
  return negative ? -result : result;
}

/**
 * The double nearest to x / y * 2**scale2 (x >= 0, y > 0), rounded once, ties to even; Infinity
 * when it overflows.
 */
export function ratioToDouble(x: bigint, y: bigint, scale2: number): number {
  if (x === 0n) return 0;
  // Scale so the integer quotient has at least 55 bits (53 + guard + sticky).
  const shift = 55 - (bigBitLength(x) - bigBitLength(y));
  let q: bigint;
  let r: bigint;
  if (shift >= 0) {
    const num = x << BigInt(shift);
    q = num / y;
    r = num - q * y;
  } else {
    const den = y << BigInt(-shift);
    q = x / den;
    r = x - q * den;
  }
  // value = (q + r/den) * 2**(scale2 - shift); q has 55 or 56 bits. Find the result's binary
  // exponent and how many significant bits it can keep (fewer than 53 when subnormal), then round once.
  const qbits = bigBitLength(q);
  const topExp = qbits - 1 - shift + scale2; // value in [2**topExp, 2**(topExp+1))
  if (topExp > 1023) return Infinity;
  const keep = topExp >= -1022 ? 53 : 53 - (-1022 - topExp);
  if (keep < 0) return 0; // below half the smallest subnormal
  const drop = qbits - keep;
  const dropN = BigInt(drop);
  let m = q >> dropN;
  const rest = q - (m << dropN);
  const half = 1n << (dropN - 1n);
  if (rest > half || (rest === half && (r !== 0n || (m & 1n) === 1n))) m += 1n;
  return ldexp(Number(m), drop - shift + scale2);
}

/** a ** b for ints: an int for b >= 0, else a float (as float(a) ** float(b)). */
export function intPow(a: PyInt, b: PyInt): PyInt | number {
  if (intSign(b) < 0) {
    return floatPow(intToFloat(a), intToFloat(b));
  }
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a ** b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  const base = toBigInt(a);
  if (base === 0n || base === 1n) return normInt(b === 0 || b === 0n ? 1n : base);
  if (base === -1n) return (toBigInt(b) & 1n) === 1n ? -1 : 1;
  const exp = toBigInt(b);
  if (bigBitLength(base) * Number(exp) > 2 ** 34) throw new PyValueError('MemoryError', '');
  return normInt(base ** exp);
}

function modInverse(a: bigint, m: bigint): bigint {
  // Extended Euclid on non-negative a < m.
  let [oldR, r] = [a, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw valueError('base is not invertible for the given modulus');
  return ((oldS % m) + m) % m;
}

/** pow(a, b, m) for ints, including negative exponents (a modular inverse) as Python 3.8+. */
export function intPowMod(a: PyInt, b: PyInt, m: PyInt): PyInt {
  let mod = toBigInt(m);
  if (mod === 0n) throw valueError('pow() 3rd argument cannot be 0');
  const negMod = mod < 0n;
  if (negMod) mod = -mod;
  let base = toBigInt(a) % mod;
  if (base < 0n) base += mod;
  let exp = toBigInt(b);
  if (exp < 0n) {
    base = modInverse(base, mod);
    exp = -exp;
  }
  let result = mod === 1n ? 0n : 1n;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  if (negMod && result !== 0n) result -= mod;
  return normInt(result);
}

/** a << b */
export function intLshift(a: PyInt, b: PyInt): PyInt {
  const s = intSign(b);
  if (s < 0) throw valueError('negative shift count');
  if (a === 0 || a === 0n || s === 0) return normInt(a);
  if (typeof b === 'bigint' || b > 2 ** 40) {
    if (toBigInt(b) >= 1n << 63n) throw overflowError('too many digits in integer');
    throw new PyValueError('MemoryError', '');
  }
  if (typeof a === 'number' && b < 31) {
    const r = a * 2 ** b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normInt(toBigInt(a) << BigInt(b));
}

/** a >> b (arithmetic: floors toward negative infinity) */
export function intRshift(a: PyInt, b: PyInt): PyInt {
  const s = intSign(b);
  if (s < 0) throw valueError('negative shift count');
  if (typeof b === 'bigint' || b > 2 ** 40) return intSign(a) < 0 ? -1 : 0;
  if (typeof a === 'number') {
    if (b >= 64) return a < 0 ? -1 : 0;
    return Math.floor(a / 2 ** b);
  }
  return normInt(a >> BigInt(b));
}

/** int.bit_length() */
export function intBitLength(a: PyInt): number {
  if (typeof a === 'number') {
    const n = Math.abs(a);
    if (n < 2 ** 32) return n === 0 ? 0 : 32 - Math.clz32(n);
    return bigBitLength(BigInt(n));
  }
  return bigBitLength(a);
}

/** int.bit_count() */
export function intBitCount(a: PyInt): number {
  let n = toBigInt(a);
  if (n < 0n) n = -n;
  let count = 0;
  for (const ch of n.toString(2)) if (ch === '1') count++;
  return count;
}

/** Three-way comparison of two ints. */
export function intCompare(a: PyInt, b: PyInt): -1 | 0 | 1 {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = toBigInt(a);
  const y = toBigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Exact comparison of an int with a float, as CPython's float_richcompare: no rounding of the int.
 * Returns NaN when the float is nan (every ordering comparison is False, != is True).
 */
export function intFloatCompare(a: PyInt, f: number): number {
  if (f !== f) return NaN;
  if (typeof a === 'number') return a < f ? -1 : a > f ? 1 : 0;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  const fl = Math.floor(f);
  const bf = BigInt(fl);
  if (a < bf) return -1;
  if (a > bf) return 1;
  return fl === f ? 0 : -1;
}

/** round(a, ndigits) for an int: unchanged for ndigits >= 0, else to a multiple of 10**-ndigits, ties to even. */
export function intRound(a: PyInt, ndigits: PyInt): PyInt {
  if (intSign(ndigits) >= 0) return normInt(a);
  const nd = -Number(ndigits);
  if (nd > 100000) return 0; // |a| < 10**nd surely: rounds to zero
  const p = pow10(nd);
  const x = toBigInt(a);
  let [q, r] = [x / p, x % p];
  if (r < 0n) {
    r += p;
    q -= 1n;
  }
  const twice = r * 2n;
  if (twice > p || (twice === p && (q & 1n) === 1n)) q += 1n;
  return normInt(q * p);
}

/** CPython 3.11's default limit on int↔str conversion in base 10 (sys.get_int_max_str_digits()). */
export const INT_MAX_STR_DIGITS = 4300;

/** str(a) / repr(a), with CPython's 4300-digit limit. */
export function intToString(a: PyInt, maxDigits = INT_MAX_STR_DIGITS): string {
  if (typeof a === 'number') return String(a);
  if (maxDigits > 0 && bigBitLength(a) > maxDigits * 3.3219280948873626 + 4) {
    throw valueError(
      `Exceeds the limit (${maxDigits} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  const s = a.toString();
  if (maxDigits > 0 && s.length - (a < 0n ? 1 : 0) > maxDigits) {
    throw valueError(
      `Exceeds the limit (${maxDigits} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return s;
}

function toBase(a: PyInt, radix: number, prefix: string): string {
  const neg = intSign(a) < 0;
  const digits = (typeof a === 'number' ? Math.abs(a) : neg ? -a : a).toString(radix);
  return (neg ? '-' : '') + prefix + digits;
}

/** hex(a) */
export function intHex(a: PyInt): string {
  return toBase(a, 16, '0x');
}

/** oct(a) */
export function intOct(a: PyInt): string {
  return toBase(a, 8, '0o');
}

/** bin(a) */
export function intBin(a: PyInt): string {
  return toBase(a, 2, '0b');
}
