// repr() of str and bytes, and ascii(), exactly as CPython 3.11 writes them: the quote is ' unless
// the text contains ' and no ", backslash escapes for \t \n \r, \xhh for other control characters,
// and non-ASCII kept when str.isprintable() would say so (always escaped by ascii()).

import { isPrintableCodePoint } from './unicode.js';

const PLAIN_ASCII = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;
const HEX = '0123456789abcdef';

function hex(n: number, width: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) s += HEX[(n >>> (4 * i)) & 0xf];
  return s;
}

function escapeCodePoint(c: number): string {
  if (c <= 0xff) return '\\x' + hex(c, 2);
  if (c <= 0xffff) return '\\u' + hex(c, 4);
  return '\\U' + hex(c, 8);
}

function quoteFor(s: string): string {
  return s.includes("'") && !s.includes('"') ? '"' : "'";
}

function reprBody(s: string, quote: string, asciiOnly: boolean): string {
  let out = '';
  let run = 0; // start of the pending run of characters copied as they are
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        width = 2;
      }
    }
    let esc: string | undefined;
    if (c < 0x7f) {
      if (c === 0x5c) esc = '\\\\';
      else if (c === quote.charCodeAt(0)) esc = '\\' + quote;
      else if (c >= 0x20) esc = undefined;
      else if (c === 0x09) esc = '\\t';
      else if (c === 0x0a) esc = '\\n';
      else if (c === 0x0d) esc = '\\r';
      else esc = '\\x' + hex(c, 2);
    } else if (c === 0x7f || asciiOnly || !isPrintableCodePoint(c)) {
      esc = escapeCodePoint(c);
    }
    if (esc !== undefined) {
      out += s.slice(run, i) + esc;
      run = i + width;
    }
    if (width === 2) i++;
  }
  return out + s.slice(run);
}

/** repr(s) for a str. */
export function strRepr(s: string): string {
  if (PLAIN_ASCII.test(s)) return "'" + s + "'";
  const q = quoteFor(s);
  return q + reprBody(s, q, false) + q;
}

/** ascii(s) for a str: repr with every non-ASCII code point escaped. */
export function asciiRepr(s: string): string {
  if (PLAIN_ASCII.test(s)) return "'" + s + "'";
  const q = quoteFor(s);
  return q + reprBody(s, q, true) + q;
}

/**
 * Escape the non-ASCII code points of an arbitrary repr() result, as ascii(obj) does for objects
 * that are not str (e.g. ascii(['é']) == "['\\xe9']").
 */
export function asciiEscape(text: string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    if (c < 0x80) continue;
    out += text.slice(run, i) + escapeCodePoint(c);
    if (c > 0xffff) i++;
    run = i + 1;
  }
  return run === 0 ? text : out + text.slice(run);
}

/** repr(b) for bytes (and the inside of bytearray(...)'s repr). */
export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x27) hasSingle = true;
    else if (b[i] === 0x22) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = q === 0x22 ? 'b"' : "b'";
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === q || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + hex(c, 2);
    else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(q);
}
