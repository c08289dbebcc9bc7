// Character classes as CPython 3.11's unicodedata-backed predicates define them, per code point.
// The BMP is classified once, lazily, into a flag table; astral code points are tested directly.
// The JS engine's Unicode database is newer than CPython 3.11's (Unicode 14.0), so the classes
// whose membership changed come from tables generated from python3 (unicode-data.ts); the JS
// regex properties are used only where they agree with 14.0 once unassigned code points are removed.

import {
  DIGIT_RANGES, NUMERIC_RANGES, UNASSIGNED_IN_14, DECIMAL_ZEROS, LOWER_RANGES, UPPER_RANGES, TITLE_RANGES,
  XID_START_RANGES, XID_CONTINUE_RANGES,
} from './unicode-data.js';

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
  if (inRanges(UPPER_RANGES, c)) f |= UPPER | CASED;
  if (inRanges(LOWER_RANGES, c)) f |= LOWER | CASED;
  if (inRanges(TITLE_RANGES, c)) f |= TITLE | CASED;
  if (inRanges(XID_START_RANGES, c)) f |= XID_START;
  if (inRanges(XID_CONTINUE_RANGES, c)) f |= XID_CONTINUE;
  if (IS_CASE_IGNORABLE.test(ch)) f |= CASE_IGNORABLE;
  return f;
}

// BMP flags, filled lazily 256 code points at a time.
const bmp = new Uint16Array(0x10000);
const bmpBlockDone = new Uint8Array(256);
const ASCII_FLAGS = new Uint16Array(128);
for (let c = 0; c < 128; c++) ASCII_FLAGS[c] = classify(c);

function flags(c: number): number {
  if (c < 128) return ASCII_FLAGS[c]!;
  if (c <= 0xffff) {
    const block = c >> 8;
    if (bmpBlockDone[block] === 0) {
      for (let i = block << 8, e = i + 256; i < e; i++) bmp[i] = classify(i);
      bmpBlockDone[block] = 1;
    }
    return bmp[c]!;
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
