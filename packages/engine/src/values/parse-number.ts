// int(str, base) and float(str): PyLong_FromUnicodeObject and PyFloat_FromString. Unicode decimal
// digits count as digits and Unicode whitespace as space (as _PyUnicode_TransformDecimalAndSpaceToASCII
// makes them); single underscores may separate digits (PEP 515).

import { valueError } from './errors.js';
import type { PyInt } from './int.js';
import { normInt, INT_MAX_STR_DIGITS } from './int.js';
import { strRepr } from './repr.js';
import { decimalValue, isSpaceCodePoint } from './unicode.js';
import { cpSlice } from './text.js';

/** The ASCII form CPython parses: Unicode digits → '0'-'9', Unicode spaces → ' ', other non-ASCII → '?'. */
function toAsciiForm(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 128) out += ch;
    else if (isSpaceCodePoint(c)) out += ' ';
    else {
      const d = decimalValue(c);
      out += d >= 0 ? String(d) : '?';
    }
  }
  return out;
}

function stripSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isAsciiSpace(s.charCodeAt(a))) a++;
  while (b > a && isAsciiSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

function invalidInt(original: string, base: number): Error {
  // "%.200R": the repr cut to 200 code points.
  return valueError(`invalid literal for int() with base ${base}: ${cpSlice(strRepr(original), 0, 200)}`);
}

/** int(s, base) for a str s; base 0 reads the prefix as a literal does. */
export function parseIntLiteral(original: string, base = 10): PyInt {
  if (base !== 0 && (base < 2 || base > 36)) throw valueError('int() base must be >= 2 and <= 36, or 0');
  const s = stripSpaces(toAsciiForm(original));
  let i = 0;
  const n = s.length;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  let b = base;
  let prefixed = false;
  if (s[i] === '0' && i + 1 < n) {
    const p = s[i + 1]!.toLowerCase();
    const pb = p === 'x' ? 16 : p === 'o' ? 8 : p === 'b' ? 2 : 0;
    if (pb !== 0 && (base === 0 || base === pb)) {
      b = pb;
      i += 2;
      prefixed = true;
    }
  }
  if (b === 0) {
    b = 10;
    // A base-0 decimal literal may not have leading zeros unless it is all zeros.
    if (s[i] === '0') {
      for (let j = i; j < n; j++) {
        const c = s[j];
        if (c !== '0' && c !== '_') throw invalidInt(original, base);
      }
    }
  }
  // Digits with single underscores between them (and one allowed right after a prefix).
  let digits = '';
  let prevUnderscore = true; // "no underscore allowed here": at the start, and after another one
  if (prefixed && s[i] === '_') i++;
  let start = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 95) {
      if (prevUnderscore) throw invalidInt(original, base);
      prevUnderscore = true;
      digits += s.slice(start, i);
      start = i + 1;
      continue;
    }
    if (digitValue(c) >= b) throw invalidInt(original, base);
    prevUnderscore = false;
  }
  digits += s.slice(start, n);
  if (digits === '' || prevUnderscore) throw invalidInt(original, base);
  if ((b & (b - 1)) !== 0 && digits.length > INT_MAX_STR_DIGITS) {
    throw valueError(
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  let value: bigint | number;
  if (digits.length <= 10 || (b === 10 && digits.length <= 15)) {
    value = parseInt(digits, b);
  } else if (b === 10) {
    value = BigInt(digits);
  } else if (b === 16 || b === 8 || b === 2) {
    value = BigInt((b === 16 ? '0x' : b === 8 ? '0o' : '0b') + digits);
  } else {
    let acc = 0n;
    const B = BigInt(b);
    for (let k = 0; k < digits.length; k += 8) {
      const chunk = digits.slice(k, k + 8);
      acc = acc * B ** BigInt(chunk.length) + BigInt(parseInt(chunk, b));
    }
    value = acc;
  }
  if (negative) value = typeof value === 'number' ? -value : -value;
  return normInt(value);
}

// [sign] digits[.digits][e[sign]digits] with PEP 515 underscores, or inf/infinity/nan.
const FLOAT_LITERAL = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;

/** float(s) for a str s. */
export function parseFloatLiteral(original: string): number {
  const s = stripSpaces(toAsciiForm(original));
  if (!FLOAT_LITERAL.test(s)) throw valueError(`could not convert string to float: ${strRepr(original)}`);
  const lower = s.toLowerCase();
  const body = lower[0] === '+' || lower[0] === '-' ? lower.slice(1) : lower;
  const neg = lower[0] === '-';
  if (body === 'inf' || body === 'infinity') return neg ? -Infinity : Infinity;
  if (body === 'nan') return NaN;
  const x = Number(s.includes('_') ? s.replace(/_/g, '') : s);
  return x;
}
