// Code point helpers over JS strings. JS strings are UTF-16; Python counts code points. A str that
// has no surrogate pair has len == .length and indexes directly; otherwise these helpers convert.
// Recommendation for the runtime: keep str values as JS strings, and cache `isBmp(s)` (or the code
// point length) on the str object so len() and indexing take the fast path for nearly every string.

import { valueError } from './errors.js';

const SURROGATE = /[\ud800-\udfff]/;

/** True when every UTF-16 unit of s is a whole code point (no surrogates): len(s) == s.length. */
export function isBmp(s: string): boolean {
  return !SURROGATE.test(s);
}

/** len(s) in code points. A lone surrogate counts as one code point, as in Python. */
export function cpLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The code points of s as an array of numbers. */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00));
        i++;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

/** Build a JS string from code points. */
export function fromCodePoints(cps: readonly number[]): string {
  let s = '';
  for (let i = 0; i < cps.length; i += 4096) s += String.fromCodePoint(...cps.slice(i, i + 4096));
  return s;
}

/** The UTF-16 offset of code point index i (0 <= i <= cpLength(s)). */
export function cpOffset(s: string, i: number): number {
  if (!SURROGATE.test(s)) return i;
  let off = 0;
  for (let k = 0; k < i; k++) {
    const c = s.charCodeAt(off);
    off += c >= 0xd800 && c <= 0xdbff && off + 1 < s.length && (s.charCodeAt(off + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return off;
}

/** The code point index of UTF-16 offset off. */
export function cpIndexOf(s: string, off: number): number {
  if (!SURROGATE.test(s)) return off;
  return cpLength(s.slice(0, off));
}

/** s[i] for a code point index i in range (already normalized by the caller). */
export function cpAt(s: string, i: number): string {
  if (!SURROGATE.test(s)) return s[i]!;
  const off = cpOffset(s, i);
  const c = s.codePointAt(off)!;
  return c > 0xffff && (s.charCodeAt(off) & 0xfc00) === 0xd800 ? s.slice(off, off + 2) : s[off]!;
}

/** s[start:stop] with code point indices already clamped to 0..len. */
export function cpSlice(s: string, start: number, stop: number): string {
  if (!SURROGATE.test(s)) return s.slice(start, stop);
  if (stop <= start) return '';
  return s.slice(cpOffset(s, start), cpOffset(s, stop));
}

/**
 * PySlice_AdjustIndices for a sequence of length len: the normalized start, stop, step and the
 * number of items, for s[start:stop:step] with any of them None (undefined).
 */
export function adjustSlice(len: number, start?: number, stop?: number, step?: number): [number, number, number, number] {
  const st = step ?? 1;
  if (st === 0) throw valueError('slice step cannot be zero');
  let a: number;
  let b: number;
  if (st > 0) {
    a = start === undefined ? 0 : start < 0 ? Math.max(start + len, 0) : Math.min(start, len);
    b = stop === undefined ? len : stop < 0 ? Math.max(stop + len, 0) : Math.min(stop, len);
    return [a, b, st, b > a ? Math.floor((b - a - 1) / st) + 1 : 0];
  }
  a = start === undefined ? len - 1 : start < 0 ? Math.max(start + len, -1) : Math.min(start, len - 1);
  b = stop === undefined ? -1 : stop < 0 ? Math.max(stop + len, -1) : Math.min(stop, len - 1);
  return [a, b, st, a > b ? Math.floor((a - b - 1) / -st) + 1 : 0];
}

/** s[start:stop:step] in code points. */
export function strSlice(s: string, start?: number, stop?: number, step?: number): string {
  const bmp = !SURROGATE.test(s);
  const len = bmp ? s.length : cpLength(s);
  const [a, b, st, n] = adjustSlice(len, start, stop, step);
  if (st === 1) return bmp ? s.slice(a, b) : cpSlice(s, a, b);
  if (n === 0) return '';
  if (bmp) {
    let out = '';
    for (let i = 0, k = a; i < n; i++, k += st) out += s[k];
    return out;
  }
  const cps = codePoints(s);
  let out = '';
  for (let i = 0, k = a; i < n; i++, k += st) out += String.fromCodePoint(cps[k]!);
  return out;
}

/**
 * Three-way comparison of strs by code point, as Python orders them. JS's < compares UTF-16 code
 * units, which differs when a surrogate pair meets a BMP character above U+D7FF ('\uffff' < '😀' in
 * Python, not in JS).
 */
export function strCompare(a: string, b: string): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 || y >= 0xd800) {
      const cx = a.codePointAt(i)!;
      const cy = b.codePointAt(i)!;
      // A lone surrogate compares as its own code point; a pair as the code point it encodes.
      if (cx !== cy) return cx < cy ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
