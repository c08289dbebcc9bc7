// Character classes as CPython 3.11's unicodedata-backed predicates define them, per code point.
// The BMP is classified once, lazily, into a flag table; astral code points are tested directly.
// The JS engine's Unicode database may be newer than CPython 3.11's (Unicode 14.0); code points
// assigned after 14.0 are treated by CPython as unassigned (Cn).

import { DIGIT_RANGES, NUMERIC_RANGES, UNASSIGNED_IN_14, DECIMAL_ZEROS } from './unicode-data.js';

const PRINTABLE = 1 << 0;
const ALPHA = 1 << 1;
const DECIMAL = 1 << 2;
const DIGIT = 1 << 3;
const NUMERIC = 1 << 4;
const SPACE = 1 << 5;
const UPPER = 1 << 6;
const LOWER = 1 << 7;
const TITLE = 1 << 8;
const CASED = 1 << 9;
const XID_START = 1 << 10;
const XID_CONTINUE = 1 << 11;
const CASE_IGNORABLE = 1 << 12;

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const IS_ALPHA = /\p{L}/u;
const IS_DECIMAL = /\p{Nd}/u;
const IS_UPPER = /\p{Uppercase}/u;
const IS_LOWER = /\p{Lowercase}/u;
const IS_TITLE = /\p{Lt}/u;
const IS_CASED = /\p{Cased}/u;
const IS_XID_START = /\p{XID_Start}/u;
const IS_XID_CONTINUE = /\p{XID_Continue}/u;
const IS_CASE_IGNORABLE = /\p{Case_Ignorable}/u;


function inRanges(ranges: readonly number[], c: number): boolean {
  // ranges: sorted [start0, end0, start1, end1, ...], inclusive. Binary search on starts.
  let lo = 0;
  let hi = (ranges.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < ranges[2 * mid]!) hi = mid - 1;
    else if (c > ranges[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Python's str.isspace() per character: _PyUnicode_IsWhitespace. */
export function isSpaceCodePoint(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function classify(c: number): number {
  if (inRanges(UNASSIGNED_IN_14, c)) return 0;
  const ch = String.fromCodePoint(c);
  let f = 0;
  if (!NOT_PRINTABLE.test(ch) || c === 0x20) f |= PRINTABLE;
  if (IS_ALPHA.test(ch)) f |= ALPHA;
  if (IS_DECIMAL.test(ch)) f |= DECIMAL | DIGIT | NUMERIC;
  if (inRanges(DIGIT_RANGES, c)) f |= DIGIT | NUMERIC;
  if (inRanges(NUMERIC_RANGES, c)) f |= NUMERIC;
  if (isSpaceCodePoint(c)) f |= SPACE;
  if (IS_UPPER.test(ch)) f |= UPPER;
  if (IS_LOWER.test(ch)) f |= LOWER;
  if (IS_TITLE.test(ch)) f |= TITLE;
  if (IS_CASED.test(ch)) f |= CASED;
  if (IS_XID_START.test(ch)) f |= XID_START;
  if (IS_XID_CONTINUE.test(ch)) f |= XID_CONTINUE;
  if (IS_CASE_IGNORABLE.test(ch)) f |= CASE_IGNORABLE;
  return f;
}

let bmp: Uint16Array | undefined;
const ASCII_FLAGS = new Uint16Array(128);
for (let c = 0; c < 128; c++) ASCII_FLAGS[c] = classify(c);

function flags(c: number): number {
  if (c < 128) return ASCII_FLAGS[c]!;
  if (c <= 0xffff) {
    if (bmp === undefined) {
      bmp = new Uint16Array(0x10000);
      for (let i = 0; i < 0x10000; i++) bmp[i] = classify(i) | 0x8000;
    }
    return bmp[c]! & 0x7fff;
  }
  return classify(c);
}

export const isPrintableCodePoint = (c: number): boolean => (flags(c) & PRINTABLE) !== 0;
export const isAlphaCodePoint = (c: number): boolean => (flags(c) & ALPHA) !== 0;
export const isDecimalCodePoint = (c: number): boolean => (flags(c) & DECIMAL) !== 0;
export const isDigitCodePoint = (c: number): boolean => (flags(c) & DIGIT) !== 0;
export const isNumericCodePoint = (c: number): boolean => (flags(c) & NUMERIC) !== 0;
export const isUpperCodePoint = (c: number): boolean => (flags(c) & UPPER) !== 0;
export const isLowerCodePoint = (c: number): boolean => (flags(c) & LOWER) !== 0;
export const isTitleCodePoint = (c: number): boolean => (flags(c) & TITLE) !== 0;
export const isCasedCodePoint = (c: number): boolean => (flags(c) & CASED) !== 0;
export const isXidStartCodePoint = (c: number): boolean => (flags(c) & XID_START) !== 0;
export const isXidContinueCodePoint = (c: number): boolean => (flags(c) & XID_CONTINUE) !== 0;
export const isCaseIgnorableCodePoint = (c: number): boolean => (flags(c) & CASE_IGNORABLE) !== 0;
export const isAlnumCodePoint = (c: number): boolean => (flags(c) & (ALPHA | DECIMAL | DIGIT | NUMERIC)) !== 0;

/** The decimal value of a Unicode decimal digit (category Nd), or -1. */
export function decimalValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c < 0x660 || !isDecimalCodePoint(c)) return -1;
  // The last digit zero at or below c: every Nd run is ten consecutive code points 0..9.
  let lo = 0;
  let hi = DECIMAL_ZEROS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (DECIMAL_ZEROS[mid]! <= c) lo = mid;
    else hi = mid - 1;
  }
  return c - DECIMAL_ZEROS[lo]!;
}
