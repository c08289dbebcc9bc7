// Decimal digits of a double, as CPython's _Py_dg_dtoa produces them: the shortest digits that
// round-trip (mode 0), n correctly rounded significant digits (mode 2) or n digits after the point
// (mode 3). Ties are broken to even on the exact binary value, which is what makes
// format(2.675, '.2f') == '2.67' and format(0.125, '.2f') == '0.12'.
//
// Result convention (dtoa's): value = 0.DIGITS × 10**decpt, DIGITS without leading zeros.
// An empty DIGITS string means the value rounded to zero.

import { decompose } from './ieee.js';

export interface Digits {
  digits: string;
  decpt: number;
}

const pow10Cache: bigint[] = [1n];

/** 10n ** n, cached. */
export function pow10(n: number): bigint {
  let p = pow10Cache[n];
  if (p === undefined) {
    for (let i = pow10Cache.length; i <= n; i++) pow10Cache[i] = pow10Cache[i - 1]! * 10n;
    p = pow10Cache[n]!;
  }
  return p;
}

/** Shortest round-tripping digits of a finite x > 0 (the digits of repr). */
export function shortestDigits(x: number): Digits {
  // ECMAScript's toExponential() with no argument yields exactly the shortest round-trip digits.
  const s = x.toExponential();
  const e = s.indexOf('e');
  const digits = s.charCodeAt(1) === 46 /* . */ ? s[0]! + s.slice(2, e) : s.slice(0, e);
  return { digits, decpt: Number(s.slice(e + 1)) + 1 };
}

/** round-half-even(|x| * 10**n) as a bigint, exactly; x finite. */
export function scaledRound(x: number, n: number): bigint {
  const { mant, exp } = decompose(x);
  if (mant === 0n) return 0n;
  let num = mant;
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  if (n >= 0) num *= pow10(n);
  else den *= pow10(-n);
  const q = num / den;
  const twice = (num - q * den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

const bits = new DataView(new ArrayBuffer(8));

/**
 * The exponent of the lowest set bit of a finite x != 0: x is an odd integer times 2**lowBit(x).
 * round-half-even only differs from ECMAScript's round-half-up (toFixed, toExponential) on exact
 * ties, and x * 10**n can only be a tie when lowBit(x) >= -(n + 1): below that, the fast JS
 * conversions are exact for us.
 */
function lowBit(x: number): number {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const exp = biased === 0 ? -1074 : biased - 1075;
  if (lo !== 0) return exp + (31 - Math.clz32(lo & -lo));
  const top = (hi & 0xfffff) | (biased === 0 ? 0 : 0x100000);
  return exp + 32 + (31 - Math.clz32(top & -top));
}

/** Digits/decpt from a JS positional string "123.456" (no sign, no exponent). */
function fromPositional(s: string, n: number): Digits {
  const dot = s.indexOf('.');
  const all = dot < 0 ? s : s.slice(0, dot) + s.slice(dot + 1);
  const intLen = dot < 0 ? s.length : dot;
  let z = 0;
  while (z < all.length && all.charCodeAt(z) === 48) z++;
  if (z === all.length) return { digits: '', decpt: -n };
  return { digits: all.slice(z), decpt: intLen - z };
}

/** |x| correctly rounded to n digits after the decimal point (n may be negative): dtoa mode 3. */
export function fixedDigits(x: number, n: number): Digits {
  const ax = Math.abs(x);
  if (ax !== 0 && ax < 1e21 && n >= 0 && n <= 100 && lowBit(ax) < -(n + 1)) {
    return fromPositional(ax.toFixed(n), n);
  }
  if (ax !== 0 && ax < 1e21 && n >= 0 && n <= 100 && lowBit(ax) >= 0) {
    return fromPositional(ax.toFixed(n), n); // an integer: exact
  }
  const q = scaledRound(x, n);
  if (q === 0n) return { digits: '', decpt: -n };
  const digits = q.toString();
  return { digits, decpt: digits.length - n };
}

/** |x| correctly rounded to p >= 1 significant digits: dtoa mode 2 (trailing zeros kept). */
export function precisionDigits(x: number, p: number): Digits {
  if (x === 0) return { digits: '0'.repeat(p), decpt: 1 };
  if (p <= 101) {
    // toExponential(p - 1) rounds half up on the exact value; only exact ties need the slow path.
    const s = Math.abs(x).toExponential(p - 1);
    const e = s.indexOf('e');
    const k = Number(s.slice(e + 1));
    if (lowBit(Math.abs(x)) < -(p - k + 1)) { // +1: k may be one above floor(log10|x|) after rounding
      const digits = s.charCodeAt(1) === 46 ? s[0]! + s.slice(2, e) : s.slice(0, e);
      return { digits, decpt: k + 1 };
    }
  }
  let k = shortestDigits(Math.abs(x)).decpt - 1; // floor(log10|x|), give or take one
  for (;;) {
    const q = scaledRound(x, p - 1 - k);
    if (q < pow10(p - 1)) {
      k -= 1;
      continue;
    }
    if (q >= pow10(p)) {
      if (q === pow10(p)) return { digits: q.toString().slice(0, p), decpt: k + 2 };
      k += 1;
      continue;
    }
    return { digits: q.toString(), decpt: k + 1 };
  }
}
