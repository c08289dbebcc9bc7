// The format-spec mini-language: format(value, spec) for int, float and str, as
// Python/formatter_unicode.c parses and renders it, with CPython's error messages.
//
//   [[fill]align][sign][z][#][0][width][grouping][.precision][type]

import { valueError, overflowError } from './errors.js';
import type { PyInt } from './int.js';
import { intToFloat, intSign, toBigInt } from './int.js';
import { floatToString } from './float-format.js';
import { cpLength, cpSlice } from './text.js';

export interface FormatSpec {
  fill: string;
  /** '<' '>' '=' '^', or '' when not given. */
  align: string;
  /** '+' '-' ' ', or '' when not given. */
  sign: string;
  /** 'z': coerce negative zero to positive. */
  noNegZero: boolean;
  /** '#' */
  alt: boolean;
  /** -1 when not given. */
  width: number;
  /** ',' '_' or '' (for b/o/x/X, '_' groups by four). */
  grouping: string;
  /** -1 when not given. */
  precision: number;
  /** The presentation type, or the default for the object's type. */
  type: string;
}

const MAX_SIZE = 2 ** 63 - 1;

function isAlign(c: string | undefined): boolean {
  return c === '<' || c === '>' || c === '=' || c === '^';
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Split the first code point off s at offset i. */
function charAt(s: string, i: number): string {
  const c = s.codePointAt(i);
  return c === undefined ? '' : String.fromCodePoint(c);
}

/**
 * parse_internal_render_format_spec: `typeName` names the object in "Invalid format specifier"
 * errors, `defaultType` is 'd' for int, 's' for str, '' for float.
 */
export function parseFormatSpec(spec: string, typeName: string, defaultType: string, defaultAlign: string): FormatSpec {
  const f: FormatSpec = {
    fill: ' ', align: defaultAlign, sign: '', noNegZero: false, alt: false, width: -1, grouping: '', precision: -1, type: defaultType,
  };
  const end = spec.length;
  let pos = 0;
  let fillSpecified = false;
  let alignSpecified = false;
  const first = charAt(spec, 0);
  const afterFirst = spec[first.length];
  if (first !== '' && isAlign(afterFirst)) {
    f.fill = first;
    f.align = afterFirst!;
    fillSpecified = alignSpecified = true;
    pos = first.length + 1;
  } else if (isAlign(spec[0])) {
    f.align = spec[0]!;
    alignSpecified = true;
    pos = 1;
  }
  const c = spec[pos];
  if (c === '+' || c === '-' || c === ' ') {
    f.sign = c;
    pos++;
  }
  if (spec[pos] === 'z') {
    f.noNegZero = true;
    pos++;
  }
  if (spec[pos] === '#') {
    f.alt = true;
    pos++;
  }
  if (!fillSpecified && spec[pos] === '0') {
    f.fill = '0';
    if (!alignSpecified && defaultAlign === '>') f.align = '=';
    pos++;
  }
  let start = pos;
  while (pos < end && isDigit(spec.charCodeAt(pos))) pos++;
  if (pos > start) {
    f.width = Number(spec.slice(start, pos));
    if (f.width > MAX_SIZE) throw valueError('Too many decimal digits in format string');
  }
  if (spec[pos] === ',') {
    f.grouping = ',';
    pos++;
  }
  if (spec[pos] === '_') {
    if (f.grouping !== '') throw valueError("Cannot specify both ',' and '_'.");
    f.grouping = '_';
    pos++;
  }
  if (spec[pos] === ',' && f.grouping === '_') throw valueError("Cannot specify both ',' and '_'.");
  if (spec[pos] === '.') {
    pos++;
    start = pos;
    while (pos < end && isDigit(spec.charCodeAt(pos))) pos++;
    if (pos === start) throw valueError('Format specifier missing precision');
    f.precision = Number(spec.slice(start, pos));
    if (f.precision > MAX_SIZE) throw valueError('Too many decimal digits in format string');
  }
  if (end - pos > 1) {
    throw valueError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
  }
  if (end - pos === 1) f.type = spec[pos]!;
  if (f.grouping !== '') {
    const t = f.type;
    const allowed = t === 'd' || t === 'e' || t === 'f' || t === 'g' || t === 'E' || t === 'G' || t === '%' || t === 'F' || t === '';
    // PEP 515: '_' also groups b/o/x/X, by four digits.
    const underscoreRadix = f.grouping === '_' && (t === 'b' || t === 'o' || t === 'x' || t === 'X');
    if (!allowed && !underscoreRadix) throw valueError(`Cannot specify '${f.grouping}' with '${t}'.`);
  }
  return f;
}

/**
 * _PyUnicode_InsertThousandsGrouping: group `digits` by `size` from the right with `sep`, and when
 * minWidth > 0 left-pad with zeros (grouped too) until the result is at least minWidth long.
 */
function groupDigits(digits: string, sep: string, size: number, minWidth: number): string {
  if (sep === '') {
    return minWidth > digits.length ? '0'.repeat(minWidth - digits.length) + digits : digits;
  }
  const parts: string[] = [];
  let remaining = digits.length;
  let minw = minWidth;
  for (;;) {
    const l = Math.min(size, Math.max(remaining, minw, 1));
    const nZeros = Math.max(0, l - remaining);
    const nChars = Math.max(0, Math.min(remaining, l));
    parts.push('0'.repeat(nZeros) + digits.slice(remaining - nChars, remaining));
    remaining -= nChars;
    minw -= size;
    if (remaining <= 0 && minw <= 0) break;
    minw -= sep.length;
  }
  return parts.reverse().join(sep);
}

/**
 * Lay out a number: [lpad][sign][prefix][spad][grouped digits][decimal + remainder][rpad].
 * `body` is the unsigned text: nDigits digits (default: the leading decimal digits), then the rest
 * (point, fraction, exponent, '%'), which is never grouped or zero-filled.
 */
function renderNumber(f: FormatSpec, negative: boolean, prefix: string, body: string, groupSize: number, nDigits = -1): string {
  let n = nDigits;
  if (n < 0) {
    n = 0;
    while (n < body.length && isDigit(body.charCodeAt(n))) n++;
  }
  const digits = body.slice(0, n);
  const remainder = body.slice(n); // includes the decimal point
  const sign = negative ? '-' : f.sign === '+' ? '+' : f.sign === ' ' ? ' ' : '';
  const nonDigits = sign.length + prefix.length + cpLength(remainder);
  const minWidth = f.fill === '0' && f.align === '=' ? f.width - nonDigits : 0;
  const sep = f.grouping === '_' ? '_' : f.grouping === ',' ? ',' : '';
  const grouped = n === 0 ? '' : groupDigits(digits, sep, groupSize, minWidth);
  const padding = f.width - (nonDigits + grouped.length);
  let lpad = 0, spad = 0, rpad = 0;
  if (padding > 0) {
    switch (f.align) {
      case '<': rpad = padding; break;
      case '^': lpad = padding >> 1; rpad = padding - lpad; break;
      case '=': spad = padding; break;
      default: lpad = padding; break;
    }
  }
  return f.fill.repeat(lpad) + sign + prefix + f.fill.repeat(spad) + grouped + remainder + f.fill.repeat(rpad);
}

function unknownCode(type: string, typeName: string): Error {
  return valueError(`Unknown format code '${type}' for object of type '${typeName}'`);
}

/**
 * format(v, spec) for an int. An empty spec is str(v) (the runtime handles bool's 'True' there).
 * `typeName` is 'int' or 'bool' for error messages.
 */
export function formatInt(v: PyInt, spec: string, typeName = 'int'): string {
  if (spec === '') return typeof v === 'number' ? String(v) : v.toString();
  const f = parseFormatSpec(spec, typeName, 'd', '>');
  switch (f.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
      break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      return renderFloat(intToFloat(v), f);
    default:
      throw unknownCode(f.type, typeName);
  }
  if (f.precision >= 0) throw valueError('Precision not allowed in integer format specifier');
  if (f.noNegZero) throw valueError('Negative zero coercion (z) not allowed in integer format specifier');
  const negative = intSign(v) < 0;
  if (f.type === 'c') {
    if (f.sign !== '') throw valueError("Sign not allowed with integer format specifier 'c'");
    if (f.alt) throw valueError("Alternate form (#) not allowed with integer format specifier 'c'");
    const big = toBigInt(v);
    if (big >= 1n << 63n || big < -(1n << 63n)) throw overflowError('Python int too large to convert to C long');
    if (big < 0n || big > 0x10ffffn) throw overflowError('%c arg not in range(0x110000)');
    return renderNumber(f, false, '', String.fromCodePoint(Number(big)), 3, 0);
  }
  const abs = typeof v === 'number' ? Math.abs(v) : negative ? -v : v;
  let radix = 10;
  let prefix = '';
  switch (f.type) {
    case 'b': radix = 2; prefix = '0b'; break;
    case 'o': radix = 8; prefix = '0o'; break;
    case 'x': radix = 16; prefix = '0x'; break;
    case 'X': radix = 16; prefix = '0X'; break;
  }
  let digits = abs.toString(radix);
  if (f.type === 'X') digits = digits.toUpperCase();
  return renderNumber(f, negative, f.alt ? prefix : '', digits, radix === 10 ? 3 : 4, digits.length);
}

function renderFloat(x: number, f: FormatSpec): string {
  let type = f.type;
  let precision = f.precision;
  let addDot0 = false;
  let defaultPrecision = 6;
  if (type === '') {
    addDot0 = true;
    type = 'r';
    defaultPrecision = 0;
  }
  if (type === 'n') type = 'g';
  let pct = false;
  if (type === '%') {
    type = 'f';
    x *= 100;
    pct = true;
  }
  if (precision < 0) precision = defaultPrecision;
  else if (type === 'r') type = 'g';
  let text = floatToString(x, type, precision, { alt: f.alt, addDot0, noNegZero: f.noNegZero });
  if (pct) text += '%';
  const negative = text.charCodeAt(0) === 45;
  if (negative) text = text.slice(1);
  return renderNumber(f, negative, '', text, 3);
}

/** format(x, spec) for a float. An empty spec is repr(x). */
export function formatFloat(x: number, spec: string): string {
  const f = parseFormatSpec(spec, 'float', '', '>');
  switch (f.type) {
    case '': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
      return renderFloat(x, f);
    default:
      throw unknownCode(f.type, 'float');
  }
}

/** format(s, spec) for a str. */
export function formatStr(s: string, spec: string): string {
  if (spec === '') return s;
  const f = parseFormatSpec(spec, 'str', 's', '<');
  if (f.type !== 's') throw unknownCode(f.type, 'str');
  if (f.sign === ' ') throw valueError('Space not allowed in string format specifier');
  if (f.sign !== '') throw valueError('Sign not allowed in string format specifier');
  if (f.noNegZero) throw valueError('Negative zero coercion (z) not allowed in string format specifier');
  if (f.alt) throw valueError('Alternate form (#) not allowed in string format specifier');
  if (f.align === '=') throw valueError("'=' alignment not allowed in string format specifier");
  let len = cpLength(s);
  if (f.precision >= 0 && len > f.precision) {
    s = cpSlice(s, 0, f.precision);
    len = f.precision;
  }
  return pad(s, len, f);
}

function pad(s: string, len: number, f: FormatSpec): string {
  const padding = f.width - len;
  if (padding <= 0) return s;
  switch (f.align) {
    case '>': return f.fill.repeat(padding) + s;
    case '^': {
      const left = padding >> 1;
      return f.fill.repeat(left) + s + f.fill.repeat(padding - left);
    }
    default: return s + f.fill.repeat(padding);
  }
}
