// String and number literals: from a token's source text to the value CPython's parser builds
// (Parser/string_parser.c: _PyPegen_parsestr and the escape decoders; Parser/pegen.c: parsenumber).

import type { ConstValue } from './ast.js';

/** A literal's prefix flags and the body between its quotes, as offsets into the token text. */
export interface StringParts {
  bytes: boolean;
  raw: boolean;
  fstring: boolean;
  /** Offsets of the body (inside the quotes) in the token text. */
  bodyStart: number;
  bodyEnd: number;
}

export function splitString(text: string): StringParts {
  let i = 0;
  let bytes = false, raw = false, fstring = false;
  for (;;) {
    const c = text.charCodeAt(i) | 0x20;
    if (c === 98) bytes = true;
    else if (c === 114) raw = true;
    else if (c === 102) fstring = true;
    else if (c !== 117) break;
    i++;
  }
  const q = text.charCodeAt(i);
  const triple = text.length - i >= 6 && text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  const n = triple ? 3 : 1;
  return { bytes, raw, fstring, bodyStart: i + n, bodyEnd: text.length - n };
}

/** Thrown for a literal CPython rejects; the parser turns it into a SyntaxError. */
export class LiteralError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/**
 * Decodes the escapes of a (non-raw) str or bytes body. For bytes the result holds one char per
 * byte (code units 0..255).
 */
export function decodeEscapes(body: string, bytes: boolean): string {
  if (body.indexOf('\\') < 0) return body;
  let out = '';
  let i = 0;
  const n = body.length;
  while (i < n) {
    const bs = body.indexOf('\\', i);
    if (bs < 0 || bs === n - 1) { out += body.slice(i); break; }
    out += body.slice(i, bs);
    const c = body[bs + 1];
    i = bs + 2;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) { out += simple; continue; }
    if (c >= '0' && c <= '7') {
      let j = bs + 1;
      let v = 0;
      while (j < n && j < bs + 4 && body[j] >= '0' && body[j] <= '7') { v = v * 8 + (body.charCodeAt(j) - 48); j++; }
      i = j;
      out += String.fromCharCode(bytes ? v & 0xff : v);
      continue;
    }
    const hexLen = c === 'x' ? 2 : !bytes && c === 'u' ? 4 : !bytes && c === 'U' ? 8 : 0;
    if (hexLen) {
      const hex = body.slice(i, i + hexLen);
      if (hex.length < hexLen || !/^[0-9a-fA-F]+$/.test(hex)) {
        const kind = bytes ? 'truncated \\xXX escape' : `truncated \\${c}${'X'.repeat(hexLen)} escape`;
        throw new LiteralError(bytes
          ? `(value error) invalid \\x escape at position ${bs}`
          : `(unicode error) 'unicodeescape' codec can't decode bytes in position ${bs}-${bs + 1 + hex.replace(/[^0-9a-fA-F].*$/, '').length}: ${kind}`);
      }
      const v = parseInt(hex, 16);
      if (v > 0x10ffff) {
        throw new LiteralError(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${bs}-${bs + 9}: illegal Unicode character`);
      }
      out += String.fromCodePoint(v);
      i += hexLen;
      continue;
    }
    if (!bytes && c === 'N') {
      const end = body.indexOf('}', i);
      const name = body[i] === '{' && end > 0 ? body.slice(i + 1, end) : null;
      const ch = name === null ? undefined : NAMED_CHARS[name.toUpperCase()];
      if (ch === undefined) {
        throw new LiteralError(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${bs}-${end < 0 ? bs + 1 : end}: ${name === null ? 'malformed \\N character escape' : 'unknown Unicode character name'}`);
      }
      out += ch;
      i = end + 1;
      continue;
    }
    // An unknown escape keeps its backslash (CPython only warns).
    out += '\\' + c;
  }
  return out;
}

/** The few character names the memory-management literature uses (there is no name table in JS). */
const NAMED_CHARS: Record<string, string> = {
  'BULLET': '\u2022', 'EM DASH': '\u2014', 'EN DASH': '\u2013', 'HORIZONTAL ELLIPSIS': '\u2026',
  'NO-BREAK SPACE': '\u00a0', 'SPACE': ' ', 'LATIN SMALL LETTER A': 'a', 'GREEK SMALL LETTER ALPHA': '\u03b1',
  'GREEK SMALL LETTER PI': '\u03c0', 'SNOWMAN': '\u2603', 'RIGHTWARDS ARROW': '\u2192', 'CHECK MARK': '\u2713',
  'NULL': '\0', 'LINE FEED': '\n', 'CHARACTER TABULATION': '\t', 'EURO SIGN': '\u20ac', 'DEGREE SIGN': '\u00b0',
  'MULTIPLICATION SIGN': '\u00d7', 'INFINITY': '\u221e', 'BOX DRAWINGS LIGHT HORIZONTAL': '\u2500',
};

export function bytesValue(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A NUMBER token's value (digits may contain underscores). */
export function numberValue(text: string): ConstValue {
  const t = text.indexOf('_') >= 0 ? text.replace(/_/g, '') : text;
  const last = t.charCodeAt(t.length - 1) | 0x20;
  if (last === 106) return { kind: 'complex', real: 0, imag: parseFloat(t.slice(0, -1)) };
  const c1 = t.charCodeAt(1) | 0x20;
  if (t.charCodeAt(0) === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) {
    return { kind: 'int', value: BigInt('0' + String.fromCharCode(c1) + t.slice(2)) };
  }
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 46 || (c | 0x20) === 101) return { kind: 'float', value: parseFloat(t) };
  }
  return { kind: 'int', value: BigInt(t) };
}
