// PyOS_double_to_string: a double as text in one of the printf-like codes, the engine under
// format(float, spec), '%'-formatting and repr. The layout follows format_float_short in
// Python/pystrtod.c: dtoa digits (trailing zeros removed) padded to the width the code asks for.

import { shortestDigits, fixedDigits, precisionDigits } from './dtoa.js';

export interface FloatToStringOptions {
  /** '+' before non-negative numbers. */
  alwaysSign?: boolean;
  /** '#': keep the decimal point and trailing zeros. */
  alt?: boolean;
  /** Add '.0' to integral results without an exponent (repr, and format with no type). */
  addDot0?: boolean;
  /** 'z': turn a negative zero result into a positive one. */
  noNegZero?: boolean;
}

/**
 * Format x with code 'e' 'E' 'f' 'F' 'g' 'G' or 'r' (repr; precision must be 0).
 * Returns the text including a leading '-' (or '+' with alwaysSign).
 */
export function floatToString(x: number, code: string, precision: number, opts: FloatToStringOptions = {}): string {
  const upper = code === 'E' || code === 'F' || code === 'G';
  const fmt = upper ? code.toLowerCase() : code;
  const neg = x < 0 || Object.is(x, -0);
  if (!Number.isFinite(x)) {
    const body = x !== x ? 'nan' : 'inf';
    const sign = x === -Infinity ? '-' : opts.alwaysSign ? '+' : '';
    return sign + (upper ? body.toUpperCase() : body);
  }
  let digits: string;
  let decpt: number;
  let p = precision;
  const ax = Math.abs(x);
  if (fmt === 'r') {
    ({ digits, decpt } = ax === 0 ? { digits: '0', decpt: 1 } : shortestDigits(ax));
  } else if (fmt === 'f') {
    ({ digits, decpt } = fixedDigits(ax, p));
  } else {
    if (fmt === 'e') p += 1;
    else if (p === 0) p = 1; // 'g' with precision 0 means 1
    ({ digits, decpt } = precisionDigits(ax, p));
  }
  // dtoa suppresses trailing zeros; zero itself is "0" with decpt 1.
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  if (digits === '' && fmt !== 'f') {
    digits = '0';
    decpt = 1;
  } else if (ax === 0 && fmt === 'f') {
    digits = '0';
    decpt = 1;
  }
  const nd = digits.length;
  let sign = neg ? '-' : opts.alwaysSign ? '+' : '';
  if (opts.noNegZero && neg && (nd === 0 || digits === '0')) sign = opts.alwaysSign ? '+' : '';

  let useExp = false;
  let vEnd = nd;
  switch (fmt) {
    case 'e':
      useExp = true;
      vEnd = p;
      break;
    case 'f':
      vEnd = decpt + p;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (opts.addDot0 ? p - 1 : p)) useExp = true;
      if (opts.alt) vEnd = p;
      break;
    case 'r':
      if (decpt <= -4 || decpt > 16) useExp = true;
      break;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && opts.addDot0) vEnd = vEnd > decpt ? vEnd : decpt + 1;
  else vEnd = vEnd > decpt ? vEnd : decpt;

  let out = sign;
  if (decpt <= 0) out += '0'.repeat(decpt - vStart) + '.' + '0'.repeat(-decpt);
  else out += '0'.repeat(-vStart);
  if (decpt > 0 && decpt <= nd) out += digits.slice(0, decpt) + '.' + digits.slice(decpt);
  else out += digits;
  if (nd < decpt) out += '0'.repeat(decpt - nd) + '.' + '0'.repeat(vEnd - decpt);
  else out += '0'.repeat(Math.max(0, vEnd - nd));
  if (out.charCodeAt(out.length - 1) === 46 && !opts.alt) out = out.slice(0, -1);
  if (useExp) {
    const ae = Math.abs(exp);
    out += (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' : '') + ae;
  }
  return out;
}
