// str methods as functions on JS strings, with CPython 3.11's semantics and errors. Indices in
// and out are code point indices (Python's), slice arguments are already ints or undefined (None).
// Strings without surrogates — nearly all — take direct UTF-16 paths.

import { valueError, typeError, PyValueError } from './errors.js';
import {
  isSpaceCodePoint, isAlphaCodePoint, isDecimalCodePoint, isDigitCodePoint, isNumericCodePoint, isAlnumCodePoint,
  isUpperCodePoint, isLowerCodePoint, isTitleCodePoint, isCasedCodePoint, isPrintableCodePoint, isXidStartCodePoint,
  isXidContinueCodePoint,
} from './unicode.js';
import { isBmp, cpLength, codePoints, cpOffset, cpIndexOf, cpSlice } from './text.js';
import { TITLE_CASE, CASE_FOLD } from './unicode-data.js';

// ---------------------------------------------------------------------------------------------
// Slice arguments

/** ADJUST_INDICES: clamp [start, end) to 0..len the way str methods do (not slicing). */
function adjust(start: number | undefined, end: number | undefined, len: number): [number, number] {
  let s = start ?? 0;
  let e = end ?? len;
  if (e > len) e = len;
  else if (e < 0) {
    e += len;
    if (e < 0) e = 0;
  }
  if (s < 0) {
    s += len;
    if (s < 0) s = 0;
  }
  return [s, e];
}

// ---------------------------------------------------------------------------------------------
// Searching

/** str.find */
export function strFind(s: string, sub: string, start?: number, end?: number): number {
  const len = cpLength(s);
  const [a, b] = adjust(start, end, len);
  const sublen = cpLength(sub);
  if (b - a < sublen) return -1;
  if (isBmp(s)) {
    const i = s.indexOf(sub, a);
    return i >= 0 && i + sub.length <= b ? i : -1;
  }
  const lo = cpOffset(s, a);
  const hi = cpOffset(s, b);
  const i = s.indexOf(sub, lo);
  return i >= 0 && i + sub.length <= hi ? cpIndexOf(s, i) : -1;
}

/** str.rfind */
export function strRfind(s: string, sub: string, start?: number, end?: number): number {
  const len = cpLength(s);
  const [a, b] = adjust(start, end, len);
  const sublen = cpLength(sub);
  if (b - a < sublen) return -1;
  if (isBmp(s)) {
    const i = s.lastIndexOf(sub, b - sub.length);
    return i >= a ? i : -1;
  }
  const lo = cpOffset(s, a);
  const hi = cpOffset(s, b);
  const i = s.lastIndexOf(sub, hi - sub.length);
  return i >= lo ? cpIndexOf(s, i) : -1;
}

/** str.index */
export function strIndex(s: string, sub: string, start?: number, end?: number): number {
  const i = strFind(s, sub, start, end);
  if (i < 0) throw valueError('substring not found');
  return i;
}

/** str.rindex */
export function strRindex(s: string, sub: string, start?: number, end?: number): number {
  const i = strRfind(s, sub, start, end);
  if (i < 0) throw valueError('substring not found');
  return i;
}

/** str.count (non-overlapping) */
export function strCount(s: string, sub: string, start?: number, end?: number): number {
  const len = cpLength(s);
  const [a, b] = adjust(start, end, len);
  if (b < a) return 0;
  if (sub.length === 0) return b - a + 1;
  if (b - a < cpLength(sub)) return 0;
  const text = isBmp(s) ? s.slice(a, b) : cpSlice(s, a, b);
  let n = 0;
  for (let i = text.indexOf(sub); i >= 0; i = text.indexOf(sub, i + sub.length)) n++;
  return n;
}

function tailMatch(s: string, sub: string, a: number, b: number, atEnd: boolean): boolean {
  const sublen = cpLength(sub);
  const e = b - sublen;
  if (e < a) return false;
  if (sublen === 0) return true;
  if (isBmp(s)) return atEnd ? s.startsWith(sub, e) : s.startsWith(sub, a);
  return atEnd ? cpSlice(s, e, b) === sub : cpSlice(s, a, a + sublen) === sub;
}

/** str.startswith (prefix may be a tuple of strs, given as an array) */
export function strStartswith(s: string, prefix: string | readonly string[], start?: number, end?: number): boolean {
  const [a, b] = adjust(start, end, cpLength(s));
  if (typeof prefix === 'string') return tailMatch(s, prefix, a, b, false);
  return prefix.some((p) => tailMatch(s, p, a, b, false));
}

/** str.endswith */
export function strEndswith(s: string, suffix: string | readonly string[], start?: number, end?: number): boolean {
  const [a, b] = adjust(start, end, cpLength(s));
  if (typeof suffix === 'string') return tailMatch(s, suffix, a, b, true);
  return suffix.some((p) => tailMatch(s, p, a, b, true));
}

// ---------------------------------------------------------------------------------------------
// Splitting and joining

function isSpaceAt(s: string, i: number): boolean {
  return isSpaceCodePoint(s.charCodeAt(i)); // every Python space is in the BMP
}

/** bytes whitespace: ASCII space, \t \n \v \f \r only (Py_ISSPACE). */
function isByteSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13);
}

/** str.split(sep=None, maxsplit=-1) */
export function strSplit(s: string, sep?: string | null, maxsplit = -1): string[] {
  return split(s, sep, maxsplit, isSpaceAt);
}

/** bytes.split on a latin-1 string of the bytes: whitespace is ASCII whitespace only. */
export function bytesSplit(b: string, sep?: string | null, maxsplit = -1): string[] {
  return split(b, sep, maxsplit, isByteSpaceAt);
}

function split(s: string, sep: string | null | undefined, maxsplit: number, isSpaceAt: (s: string, i: number) => boolean): string[] {
  if (maxsplit < 0) maxsplit = Number.MAX_SAFE_INTEGER;
  const out: string[] = [];
  if (sep === undefined || sep === null) {
    const n = s.length;
    let i = 0;
    while (maxsplit-- > 0) {
      while (i < n && isSpaceAt(s, i)) i++;
      if (i === n) return out;
      const j = i;
      while (i < n && !isSpaceAt(s, i)) i++;
      out.push(s.slice(j, i));
    }
    while (i < n && isSpaceAt(s, i)) i++;
    if (i < n) out.push(s.slice(i));
    return out;
  }
  if (sep.length === 0) throw valueError('empty separator');
  let i = 0;
  while (maxsplit-- > 0) {
    const j = s.indexOf(sep, i);
    if (j < 0) break;
    out.push(s.slice(i, j));
    i = j + sep.length;
  }
  out.push(s.slice(i));
  return out;
}

/** str.rsplit(sep=None, maxsplit=-1) */
export function strRsplit(s: string, sep?: string | null, maxsplit = -1): string[] {
  return rsplit(s, sep, maxsplit, isSpaceAt);
}

/** bytes.rsplit on a latin-1 string of the bytes. */
export function bytesRsplit(b: string, sep?: string | null, maxsplit = -1): string[] {
  return rsplit(b, sep, maxsplit, isByteSpaceAt);
}

function rsplit(s: string, sep: string | null | undefined, maxsplit: number, isSpaceAt: (s: string, i: number) => boolean): string[] {
  if (maxsplit < 0) maxsplit = Number.MAX_SAFE_INTEGER;
  const out: string[] = [];
  if (sep === undefined || sep === null) {
    let i = s.length - 1;
    while (maxsplit-- > 0) {
      while (i >= 0 && isSpaceAt(s, i)) i--;
      if (i < 0) return out.reverse();
      const j = i;
      while (i >= 0 && !isSpaceAt(s, i)) i--;
      out.push(s.slice(i + 1, j + 1));
    }
    while (i >= 0 && isSpaceAt(s, i)) i--;
    if (i >= 0) out.push(s.slice(0, i + 1));
    return out.reverse();
  }
  if (sep.length === 0) throw valueError('empty separator');
  let end = s.length;
  while (maxsplit-- > 0) {
    const j = end - sep.length < 0 ? -1 : s.lastIndexOf(sep, end - sep.length);
    if (j < 0) break;
    out.push(s.slice(j + sep.length, end));
    end = j;
  }
  out.push(s.slice(0, end));
  return out.reverse();
}

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** str.splitlines(keepends=False) */
export function strSplitlines(s: string, keepends = false): string[] {
  return splitlines(s, keepends, isLineBreak);
}

/** bytes.splitlines on a latin-1 string of the bytes: only \n, \r and \r\n end lines. */
export function bytesSplitlines(b: string, keepends = false): string[] {
  return splitlines(b, keepends, (c) => c === 0x0a || c === 0x0d);
}

function splitlines(s: string, keepends: boolean, isLineBreak: (c: number) => boolean): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const j = i;
    while (i < n && !isLineBreak(s.charCodeAt(i))) i++;
    let eol = i;
    if (i < n) {
      if (s.charCodeAt(i) === 0x0d && i + 1 < n && s.charCodeAt(i + 1) === 0x0a) i += 2;
      else i++;
      if (keepends) eol = i;
    }
    out.push(s.slice(j, eol));
  }
  return out;
}

/** sep.join(items) for items already checked to be strs. */
export function strJoin(sep: string, items: readonly string[]): string {
  return items.join(sep);
}

/** str.partition */
export function strPartition(s: string, sep: string): [string, string, string] {
  if (sep.length === 0) throw valueError('empty separator');
  const i = s.indexOf(sep);
  if (i < 0) return [s, '', ''];
  return [s.slice(0, i), sep, s.slice(i + sep.length)];
}

/** str.rpartition */
export function strRpartition(s: string, sep: string): [string, string, string] {
  if (sep.length === 0) throw valueError('empty separator');
  const i = s.lastIndexOf(sep);
  if (i < 0) return ['', '', s];
  return [s.slice(0, i), sep, s.slice(i + sep.length)];
}

// ---------------------------------------------------------------------------------------------
// Stripping, replacing, padding

function stripWith(s: string, chars: string | null | undefined, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  if (chars === undefined || chars === null) {
    if (left) while (a < b && isSpaceAt(s, a)) a++;
    if (right) while (b > a && isSpaceAt(s, b - 1)) b--;
    return s.slice(a, b);
  }
  if (!isBmp(chars) || !isBmp(s)) {
    const set = new Set(codePoints(chars));
    const cps = codePoints(s);
    let x = 0;
    let y = cps.length;
    if (left) while (x < y && set.has(cps[x]!)) x++;
    if (right) while (y > x && set.has(cps[y - 1]!)) y--;
    return cpSlice(s, x, y);
  }
  if (left) while (a < b && chars.includes(s[a]!)) a++;
  if (right) while (b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

export const strStrip = (s: string, chars?: string | null): string => stripWith(s, chars, true, true);
/** bytes.strip/lstrip/rstrip on a latin-1 string of the bytes (ASCII whitespace by default). */
export const bytesStrip = (b: string, chars?: string | null, left = true, right = true): string =>
  chars === undefined || chars === null ? stripBytesSpace(b, left, right) : stripWith(b, chars, left, right);

function stripBytesSpace(s: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && isByteSpaceAt(s, a)) a++;
  if (right) while (b > a && isByteSpaceAt(s, b - 1)) b--;
  return s.slice(a, b);
}
export const strLstrip = (s: string, chars?: string | null): string => stripWith(s, chars, true, false);
export const strRstrip = (s: string, chars?: string | null): string => stripWith(s, chars, false, true);

/** str.replace(old, new, count=-1) */
export function strReplace(s: string, old: string, rep: string, count = -1): string {
  if (count < 0) count = Number.MAX_SAFE_INTEGER;
  if (count === 0) return s;
  if (old.length === 0) {
    // Insert rep before every code point and at the end, up to count times.
    const cps = isBmp(s) ? s.split('') : Array.from(s);
    let out = '';
    let k = 0;
    for (; k < cps.length && k < count; k++) out += rep + cps[k];
    if (k < count) return out + rep;
    return out + cps.slice(k).join('');
  }
  if (count === Number.MAX_SAFE_INTEGER) return s.split(old).join(rep);
  let out = '';
  let i = 0;
  while (count-- > 0) {
    const j = s.indexOf(old, i);
    if (j < 0) break;
    out += s.slice(i, j) + rep;
    i = j + old.length;
  }
  return out + s.slice(i);
}

/** str.removeprefix */
export function strRemoveprefix(s: string, prefix: string): string {
  return prefix.length > 0 && s.startsWith(prefix) ? s.slice(prefix.length) : s;
}

/** str.removesuffix */
export function strRemovesuffix(s: string, suffix: string): string {
  return suffix.length > 0 && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
}

function checkFill(fill: string): void {
  if (cpLength(fill) !== 1) throw typeError('The fill character must be exactly one character long');
}

/** str.center(width, fillchar=' ') */
export function strCenter(s: string, width: number, fill = ' '): string {
  checkFill(fill);
  const len = cpLength(s);
  if (len >= width) return s;
  const marg = width - len;
  const left = (marg >> 1) + (marg & width & 1);
  return fill.repeat(left) + s + fill.repeat(marg - left);
}

/** str.ljust(width, fillchar=' ') */
export function strLjust(s: string, width: number, fill = ' '): string {
  checkFill(fill);
  const len = cpLength(s);
  return len >= width ? s : s + fill.repeat(width - len);
}

/** str.rjust(width, fillchar=' ') */
export function strRjust(s: string, width: number, fill = ' '): string {
  checkFill(fill);
  const len = cpLength(s);
  return len >= width ? s : fill.repeat(width - len) + s;
}

/** str.zfill(width) */
export function strZfill(s: string, width: number): string {
  const len = cpLength(s);
  if (len >= width) return s;
  const pad = '0'.repeat(width - len);
  if (s[0] === '+' || s[0] === '-') return s[0] + pad + s.slice(1);
  return pad + s;
}

/** str.expandtabs(tabsize=8) */
export function strExpandtabs(s: string, tabsize = 8): string {
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      if (tabsize > 0) {
        const n = tabsize - (col % tabsize);
        out += ' '.repeat(n);
        col += n;
      }
    } else {
      out += ch;
      col++;
      if (ch === '\n' || ch === '\r') col = 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Case

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** str.lower */
export function strLower(s: string): string {
  return s.toLowerCase();
}

/** str.upper */
export function strUpper(s: string): string {
  return s.toUpperCase();
}

function titleOf(c: number, ch: string): string {
  return TITLE_CASE.get(c) ?? ch.toUpperCase();
}

/** Lower-case one code point at index k of cps, with the final-sigma rule for U+03A3. */
function lowerAt(cps: readonly number[], k: number, ch: string): string {
  if (cps[k] !== 0x3a3) return ch.toLowerCase();
  // Final_Sigma: preceded by a cased letter and not followed by one (case-ignorables skipped).
  return finalSigma(cps, k) ? '\u03c2' : '\u03c3';
}

function finalSigma(cps: readonly number[], k: number): boolean {
  let j = k - 1;
  while (j >= 0 && isCaseIgnorable(cps[j]!)) j--;
  if (j < 0 || !isCasedCodePoint(cps[j]!)) return false;
  j = k + 1;
  while (j < cps.length && isCaseIgnorable(cps[j]!)) j++;
  return j === cps.length || !isCasedCodePoint(cps[j]!);
}

const CASE_IGNORABLE = /\p{Case_Ignorable}/u;
function isCaseIgnorable(c: number): boolean {
  return CASE_IGNORABLE.test(String.fromCodePoint(c));
}

/** str.title */
export function strTitle(s: string): string {
  let out = '';
  let prevCased = false;
  const cps = codePoints(s);
  for (let k = 0; k < cps.length; k++) {
    const c = cps[k]!;
    const ch = String.fromCodePoint(c);
    out += prevCased ? lowerAt(cps, k, ch) : titleOf(c, ch);
    prevCased = isCasedCodePoint(c);
  }
  return out;
}

/** str.capitalize: the first character in title case, the rest lower case. */
export function strCapitalize(s: string): string {
  if (s.length === 0) return s;
  const cps = codePoints(s);
  let out = titleOf(cps[0]!, String.fromCodePoint(cps[0]!));
  for (let k = 1; k < cps.length; k++) out += lowerAt(cps, k, String.fromCodePoint(cps[k]!));
  return out;
}

/** str.swapcase */
export function strSwapcase(s: string): string {
  let out = '';
  const cps = codePoints(s);
  for (let k = 0; k < cps.length; k++) {
    const c = cps[k]!;
    const ch = String.fromCodePoint(c);
    if (isUpperCodePoint(c)) out += lowerAt(cps, k, ch);
    else if (isLowerCodePoint(c)) out += ch.toUpperCase();
    else out += ch;
  }
  return out;
}

/** str.casefold */
export function strCasefold(s: string): string {
  if (ASCII_ONLY.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += CASE_FOLD.get(ch.codePointAt(0)!) ?? ch.toLowerCase();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Predicates

function all(s: string, pred: (c: number) => boolean): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (!pred(c)) return false;
  }
  return true;
}

export const strIsspace = (s: string): boolean => all(s, isSpaceCodePoint);
export const strIsalpha = (s: string): boolean => all(s, isAlphaCodePoint);
export const strIsalnum = (s: string): boolean => all(s, isAlnumCodePoint);
export const strIsdecimal = (s: string): boolean => all(s, isDecimalCodePoint);
export const strIsdigit = (s: string): boolean => all(s, isDigitCodePoint);
export const strIsnumeric = (s: string): boolean => all(s, isNumericCodePoint);
export const strIsascii = (s: string): boolean => ASCII_ONLY.test(s);
/** str.isprintable: true for the empty string. */
export const strIsprintable = (s: string): boolean => s.length === 0 || all(s, isPrintableCodePoint);

/** str.isupper: at least one cased character, and no lower-case or title-case ones. */
export function strIsupper(s: string): boolean {
  let cased = false;
  for (const c of codePoints(s)) {
    if (isLowerCodePoint(c) || isTitleCodePoint(c)) return false;
    if (!cased && isUpperCodePoint(c)) cased = true;
  }
  return cased;
}

/** str.islower */
export function strIslower(s: string): boolean {
  let cased = false;
  for (const c of codePoints(s)) {
    if (isUpperCodePoint(c) || isTitleCodePoint(c)) return false;
    if (!cased && isLowerCodePoint(c)) cased = true;
  }
  return cased;
}

/** str.istitle: upper/title-case characters only after uncased ones, lower-case only after cased ones. */
export function strIstitle(s: string): boolean {
  let cased = false;
  let prevCased = false;
  for (const c of codePoints(s)) {
    if (isUpperCodePoint(c) || isTitleCodePoint(c)) {
      if (prevCased) return false;
      prevCased = true;
      cased = true;
    } else if (isLowerCodePoint(c)) {
      if (!prevCased) return false;
      prevCased = true;
      cased = true;
    } else {
      prevCased = false;
    }
  }
  return cased;
}

/** str.isidentifier (XID_Start or '_', then XID_Continue; NFKC subtleties of the parser aside). */
export function strIsidentifier(s: string): boolean {
  if (s.length === 0) return false;
  const cps = codePoints(s);
  const first = cps[0]!;
  if (first !== 0x5f && !isXidStartCodePoint(first)) return false;
  for (let k = 1; k < cps.length; k++) if (!isXidContinueCodePoint(cps[k]!)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** The codec a Python encoding name selects, or undefined when unknown. */
export function normalizeEncoding(name: string): 'utf-8' | 'latin-1' | 'ascii' | undefined {
  const n = name.toLowerCase().replace(/[-_ ]/g, '');
  if (n === 'utf8' || n === 'u8' || n === 'utf' || n === 'cp65001') return 'utf-8';
  if (n === 'latin1' || n === 'latin' || n === 'l1' || n === 'iso88591' || n === '8859' || n === 'cp819' || n === 'iso885911987') return 'latin-1';
  if (n === 'ascii' || n === 'usascii' || n === '646' || n === 'us') return 'ascii';
  return undefined;
}

function encodeError(codec: string, s: string, start: number, end: number, reason: string): PyValueError {
  const where = end - start === 1
    ? `character ${charEscape(cpSlice(s, start, end))} in position ${start}`
    : `characters in position ${start}-${end - 1}`;
  return new PyValueError('UnicodeEncodeError', `'${codec}' codec can't encode ${where}: ${reason}`);
}

function charEscape(ch: string): string {
  const c = ch.codePointAt(0)!;
  const hex = c.toString(16);
  if (c <= 0xff) return `'\\x${hex.padStart(2, '0')}'`;
  if (c <= 0xffff) return `'\\u${hex.padStart(4, '0')}'`;
  return `'\\U${hex.padStart(8, '0')}'`;
}

/** str.encode(encoding='utf-8', errors='strict') for utf-8, latin-1 and ascii. */
export function strEncode(s: string, encoding = 'utf-8'): Uint8Array {
  const codec = normalizeEncoding(encoding);
  if (codec === undefined) throw new PyValueError('LookupError', `unknown encoding: ${encoding}`);
  const cps = codePoints(s);
  if (codec === 'utf-8') {
    const out: number[] = [];
    for (let k = 0; k < cps.length; k++) {
      const c = cps[k]!;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c >= 0xd800 && c <= 0xdfff) {
        let e = k + 1;
        while (e < cps.length && cps[e]! >= 0xd800 && cps[e]! <= 0xdfff) e++;
        throw encodeError('utf-8', s, k, e, 'surrogates not allowed');
      } else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return Uint8Array.from(out);
  }
  const limit = codec === 'ascii' ? 0x80 : 0x100;
  const out = new Uint8Array(cps.length);
  for (let k = 0; k < cps.length; k++) {
    const c = cps[k]!;
    if (c >= limit) {
      let e = k + 1;
      while (e < cps.length && cps[e]! >= limit) e++;
      throw encodeError(codec, s, k, e, `ordinal not in range(${limit})`);
    }
    out[k] = c;
  }
  return out;
}

function decodeError(codec: string, start: number, end: number, reason: string, bytes: Uint8Array): PyValueError {
  const where = end - start === 1
    ? `byte 0x${bytes[start]!.toString(16).padStart(2, '0')} in position ${start}`
    : `bytes in position ${start}-${end - 1}`;
  return new PyValueError('UnicodeDecodeError', `'${codec}' codec can't decode ${where}: ${reason}`);
}

/** bytes.decode(encoding='utf-8', errors='strict') for utf-8, latin-1 and ascii. */
export function bytesDecode(b: Uint8Array, encoding = 'utf-8'): string {
  const codec = normalizeEncoding(encoding);
  if (codec === undefined) throw new PyValueError('LookupError', `unknown encoding: ${encoding}`);
  if (codec === 'latin-1') return latin1(b, 0, b.length);
  if (codec === 'ascii') {
    for (let i = 0; i < b.length; i++) {
      if (b[i]! >= 0x80) throw decodeError('ascii', i, i + 1, 'ordinal not in range(128)', b);
    }
    return latin1(b, 0, b.length);
  }
  const cps: number[] = [];
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      cps.push(c);
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2; min = c & 0x0f;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3; min = c & 0x07;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else throw decodeError('utf-8', i, i + 1, 'invalid start byte', b);
    let cp = min;
    let k = 1;
    for (; k <= need; k++) {
      if (i + k >= n) throw decodeError('utf-8', i, n, 'unexpected end of data', b);
      const d = b[i + k]!;
      if (d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) {
        throw decodeError('utf-8', i, i + k, 'invalid continuation byte', b);
      }
      cp = (cp << 6) | (d & 0x3f);
    }
    cps.push(cp);
    i += need + 1;
  }
  let s = '';
  for (let k = 0; k < cps.length; k += 4096) s += String.fromCodePoint(...cps.slice(k, k + 4096));
  return s;
}

function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let k = start; k < end; k += 4096) s += String.fromCharCode(...b.subarray(k, Math.min(end, k + 4096)));
  return s;
}
