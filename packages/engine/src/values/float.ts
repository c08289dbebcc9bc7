// Python float semantics over JS numbers: repr, the arithmetic that differs from IEEE/JS
// (floor division, modulo, divmod, pow), rounding, conversion to int and integer ratios.

import { shortestDigits, fixedDigits, scaledRound, pow10 } from './dtoa.js';
import { decompose } from './ieee.js';
import { valueError, overflowError, zeroDivisionError, PyValueError } from './errors.js';
import type { PyInt } from './int.js';
import { normInt, ratioToDouble } from './int.js';
import { crPow } from './libm.js';

/**
 * Lay out digits the way repr() does: positional when -4 < decpt <= 16, else d.ddde±XX.
 * `digits` has no leading zeros and is not empty.
 */
function reprLayout(neg: boolean, digits: string, decpt: number): string {
  const sign = neg ? '-' : '';
  const n = digits.length;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return sign + '0.' + '0'.repeat(-decpt) + digits;
    if (decpt >= n) return sign + digits + '0'.repeat(decpt - n) + '.0';
    return sign + digits.slice(0, decpt) + '.' + digits.slice(decpt);
  }
  const e = decpt - 1;
  const mant = n === 1 ? digits : digits[0] + '.' + digits.slice(1);
  return sign + mant + (e < 0 ? 'e-' : 'e+') + (Math.abs(e) < 10 ? '0' : '') + Math.abs(e);
}

/** repr(x) (and str(x)) exactly as CPython 3.11 prints a float. */
export function floatRepr(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // Fast path: integral values below 1e16 print as their integer digits plus '.0'.
  if (Number.isInteger(x) && x < 1e16 && x > -1e16) return String(x) + '.0';
  const { digits, decpt } = shortestDigits(Math.abs(x));
  return reprLayout(x < 0, digits, decpt);
}

/** x / y for floats (either operand may come from an int). */
export function floatTrueDiv(x: number, y: number): number {
  if (y === 0) throw zeroDivisionError('float division by zero');
  return x / y;
}

/** Python's x % y for floats: the result takes the sign of y. */
export function floatMod(x: number, y: number): number {
  if (y === 0) throw zeroDivisionError('float modulo');
  let mod = x % y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) mod += y;
  } else {
    mod = y < 0 ? -0 : 0;
  }
  return mod;
}

/** divmod(x, y) for floats, as float_divmod computes it (so that q*y + r == x as closely as possible). */
export function floatDivmod(x: number, y: number, what = 'float divmod()'): [number, number] {
  if (y === 0) throw zeroDivisionError(what);
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else {
    mod = y < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
  }
  return [floordiv, mod];
}

/** x // y for floats. */
export function floatFloorDiv(x: number, y: number): number {
  return floatDivmod(x, y, 'float floor division by zero')[0];
}

/** Thrown by floatPow when CPython would return a complex number (negative base, fractional exponent). */
export class ComplexResult extends PyValueError {
  constructor() {
    super('ValueError', 'math domain error');
  }
}

/**
 * x ** y for floats, following float_pow (C99 pow special cases, which JS's Math.pow does not all
 * share: 1 ** nan == 1, (-1) ** ±inf == 1). A negative base with a non-integral exponent gives a
 * complex in Python: ComplexResult is thrown so the runtime can build one.
 */
export function floatPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x !== x) return x;
  if (y !== y) return x === 1 ? 1 : y;
  if (y === Infinity || y === -Infinity) {
    const ax = Math.abs(x);
    if (ax === 1) return 1;
    if ((y > 0) === (ax > 1)) return Infinity;
    return 0;
  }
  if (x === Infinity || x === -Infinity) {
    const oddInt = Number.isInteger(y) && Math.abs(y % 2) === 1;
    if (y > 0) return oddInt ? x : Infinity;
    return oddInt ? (x < 0 ? -0 : 0) : 0;
  }
  if (x === 0) {
    const oddInt = Number.isInteger(y) && Math.abs(y % 2) === 1;
    if (y < 0) throw zeroDivisionError('0.0 cannot be raised to a negative power');
    return oddInt ? x : 0;
  }
  if (x < 0 && !Number.isInteger(y)) throw new ComplexResult();
  if (x === 1) return 1;
  // JS's Math.pow can be an ulp off where C's pow is correctly rounded (7 ** -2, 2.5 ** 2.5):
  // integral exponents are computed exactly and rounded once, the rest by crPow (libm.ts).
  const r = Number.isInteger(y) && Math.abs(y) <= 4096 ? exactIntegralPow(x, y) : y === 0.5 ? Math.sqrt(x) : crPow(x, y);
  if (!Number.isFinite(r)) throw overflowError("(34, 'Numerical result out of range')");
  return r;
}

/** x ** n for an integral n, from the exact power of the exact binary value. */
function exactIntegralPow(x: number, n: number): number {
  let { mant, exp } = decompose(x);
  while ((mant & 1n) === 0n) {
    mant >>= 1n;
    exp += 1;
  }
  const k = Math.abs(n);
  const p = mant ** BigInt(k);
  const r = n > 0 ? ratioToDouble(p, 1n, exp * k) : ratioToDouble(1n, p, -exp * k);
  return x < 0 && k % 2 === 1 ? -r : r;
}

/** float.is_integer() */
export function floatIsInteger(x: number): boolean {
  return Number.isFinite(x) && Math.floor(x) === x;
}

/** int(x) for a float: truncation toward zero, with CPython's errors for inf and nan. */
export function floatToInt(x: number): PyInt {
  if (x !== x) throw valueError('cannot convert float NaN to integer');
  if (x === Infinity || x === -Infinity) throw overflowError('cannot convert float infinity to integer');
  const t = Math.trunc(x);
  if (Number.isSafeInteger(t)) return t === 0 ? 0 : t;
  return BigInt(t);
}

/** float.as_integer_ratio(): the exact value as a reduced fraction with a positive denominator. */
export function floatAsIntegerRatio(x: number): [PyInt, PyInt] {
  if (x !== x) throw valueError('cannot convert NaN to integer ratio');
  if (!Number.isFinite(x)) throw overflowError('cannot convert Infinity to integer ratio');
  if (x === 0) return [0, 1];
  let { mant, exp } = decompose(x);
  while ((mant & 1n) === 0n) {
    mant >>= 1n;
    exp += 1;
  }
  if (x < 0) mant = -mant;
  if (exp >= 0) return [normInt(mant << BigInt(exp)), 1];
  return [normInt(mant), normInt(1n << BigInt(-exp))];
}

/** round(x) with no ndigits: the nearest integer, ties to even, as an int. */
export function floatRoundToInt(x: number): PyInt {
  if (x !== x) throw valueError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw overflowError('cannot convert float infinity to integer');
  // Exact halves go to the even neighbour; x/2 is then never a half, so Math.round is safe there.
  let r = Math.round(x);
  if (Math.abs(x - r) === 0.5) r = 2 * Math.round(x / 2);
  return floatToInt(r);
}

// CPython's limits in double_round: beyond them rounding is the identity or gives zero.
const NDIGITS_MAX = 323;
const NDIGITS_MIN = -308;

/**
 * round(x, ndigits) for a float: the exact binary value correctly rounded (ties to even) to
 * ndigits decimal places, so round(2.675, 2) == 2.67 and round(0.125, 2) == 0.12.
 */
export function floatRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > NDIGITS_MAX) return x;
  if (ndigits < NDIGITS_MIN) return 0 * x;
  let r: number;
  if (ndigits >= 0) {
    const { digits, decpt } = fixedDigits(x, ndigits);
    r = digits === '' ? 0 : Number(digits + 'e' + (decpt - digits.length));
  } else {
    const q = scaledRound(x, ndigits);
    r = Number(q * pow10(-ndigits));
    if (!Number.isFinite(r)) throw overflowError('rounded value too large to represent');
  }
  return x < 0 ? -r : r;
}
