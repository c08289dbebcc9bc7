// printf-style formatting: str % args, as PyUnicode_Format in Objects/unicodeobject.c does it.
// The runtime supplies the arguments and a few hooks (str/repr/ascii and numeric coercions of its
// own objects); this module parses the template and lays out every conversion.

import { valueError, typeError, overflowError } from './errors.js';
import type { PyInt } from './int.js';
import { intSign, toBigInt } from './int.js';
import { floatToString } from './float-format.js';
import { cpLength, cpSlice } from './text.js';

export interface PercentArgs<T> {
  /** The positional values: a tuple's items, or [operand] for a non-tuple operand (a mapping too). */
  items: readonly T[];
  /** True when the right operand is a tuple. */
  isTuple: boolean;
  /**
   * For a mapping operand (not a tuple, not a str): look up a %(key)s key. Should throw the
   * runtime's KeyError when missing.
   */
  getItem?: (key: string) => T;
}

export interface PercentHooks<T> {
  str(v: T): string;
  repr(v: T): string;
  ascii(v: T): string;
  /** The type name for error messages ('float', 'str', 'NoneType', ...). */
  typeName(v: T): string;
  /** The value as an int for %x %X %o %c and '*' (int, bool or __index__), else undefined. */
  asIndex(v: T): PyInt | undefined;
  /** The value as an int for %d %i %u: like asIndex, plus int() of a float/real (__int__). */
  asInt(v: T): PyInt | undefined;
  /** The value as a float for %e %f %g (float, int, __float__), else undefined. */
  asFloat(v: T): number | undefined;
  /** The value as a str when it is a str (for %c), else undefined. */
  asStr(v: T): string | undefined;
}

const F_LJUST = 1;
const F_SIGN = 2;
const F_BLANK = 4;
const F_ALT = 8;
const F_ZERO = 16;

/** format % args */
export function percentFormat<T>(format: string, args: PercentArgs<T>, hooks: PercentHooks<T>): string {
  let arglen = args.isTuple ? args.items.length : -1;
  let argidx = args.isTuple ? 0 : -2;
  let single = args.items[0]; // the operand when it is not a tuple
  const dict = args.getItem;
  let out = '';
  const n = format.length;
  let i = 0;

  const nextArg = (): T => {
    if (argidx < arglen) return arglen < 0 ? (argidx++, single!) : args.items[argidx++]!;
    throw typeError('not enough arguments for format string');
  };

  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    if (i < n && format.charCodeAt(i) === 37) {
      out += '%';
      i++;
      continue;
    }
    if (format[i] === '(') {
      if (dict === undefined) throw typeError('format requires a mapping');
      let depth = 1;
      const start = ++i;
      while (i < n && depth > 0) {
        const c = format[i];
        if (c === '(') depth++;
        else if (c === ')') depth--;
        i++;
      }
      if (depth > 0) throw valueError('incomplete format key');
      // As CPython: the looked-up value becomes the (single) operand from here on.
      single = dict(format.slice(start, i - 1));
      arglen = -1;
      argidx = -2;
    }
    const getArg = nextArg;
    let flags = 0;
    flagLoop: while (i < n) {
      switch (format[i]) {
        case '-': flags |= F_LJUST; break;
        case '+': flags |= F_SIGN; break;
        case ' ': flags |= F_BLANK; break;
        case '#': flags |= F_ALT; break;
        case '0': flags |= F_ZERO; break;
        default: break flagLoop;
      }
      i++;
    }
    let width = -1;
    if (format[i] === '*') {
      const w = hooks.asIndex(getArg());
      if (w === undefined) throw typeError('* wants int');
      width = Number(w);
      if (width < 0) {
        flags |= F_LJUST;
        width = -width;
      }
      i++;
    } else {
      const start = i;
      while (i < n && format.charCodeAt(i) >= 48 && format.charCodeAt(i) <= 57) i++;
      if (i > start) {
        width = Number(format.slice(start, i));
        if (width > 2 ** 63 - 1) throw valueError('width too big');
      }
    }
    let prec = -1;
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        const p = hooks.asIndex(getArg());
        if (p === undefined) throw typeError('* wants int');
        prec = Math.max(0, Number(p));
        i++;
      } else {
        const start = i;
        while (i < n && format.charCodeAt(i) >= 48 && format.charCodeAt(i) <= 57) i++;
        prec = i > start ? Number(format.slice(start, i)) : 0;
        if (prec > 2 ** 63 - 1) throw valueError('precision too big');
      }
    }
    while (i < n && (format[i] === 'h' || format[i] === 'l' || format[i] === 'L')) i++;
    if (i >= n) throw valueError('incomplete format');
    const cp = format.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const convIndex = cpLength(format.slice(0, i));
    i += ch.length;
    const v = getArg();
    out += convert(ch, cp, convIndex, v, flags, width, prec, hooks);
  }
  if (argidx < arglen && dict === undefined) throw typeError('not all arguments converted during string formatting');
  return out;
}

function convert<T>(ch: string, cp: number, index: number, v: T, flags: number, width: number, prec: number, hooks: PercentHooks<T>): string {
  switch (ch) {
    case 's': case 'r': case 'a': {
      let s = ch === 's' ? hooks.str(v) : ch === 'r' ? hooks.repr(v) : hooks.ascii(v);
      if (prec >= 0 && cpLength(s) > prec) s = cpSlice(s, 0, prec);
      return padText(s, flags, width);
    }
    case 'c': {
      let s = hooks.asStr(v);
      if (s !== undefined) {
        if (cpLength(s) !== 1) throw typeError('%c requires int or char');
      } else {
        const k = hooks.asIndex(v);
        if (k === undefined) throw typeError('%c requires int or char');
        const b = toBigInt(k);
        if (b < 0n || b > 0x10ffffn) throw overflowError('%c arg not in range(0x110000)');
        s = String.fromCodePoint(Number(b));
      }
      return padText(s, flags, width);
    }
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
      const decimal = ch === 'd' || ch === 'i' || ch === 'u';
      const k = decimal ? hooks.asInt(v) : hooks.asIndex(v);
      if (k === undefined) {
        if (decimal) throw typeError(`%${ch} format: a real number is required, not ${hooks.typeName(v)}`);
        throw typeError(`%${ch} format: an integer is required, not ${hooks.typeName(v)}`);
      }
      const negative = intSign(k) < 0;
      const abs = typeof k === 'number' ? Math.abs(k) : negative ? -k : k;
      let digits = abs.toString(decimal ? 10 : ch === 'o' ? 8 : 16);
      if (ch === 'X') digits = digits.toUpperCase();
      if (prec > digits.length) digits = '0'.repeat(prec - digits.length) + digits;
      const prefix = flags & F_ALT && !decimal ? (ch === 'o' ? '0o' : ch === 'x' ? '0x' : '0X') : '';
      return padNumber(sign(negative, flags), prefix, digits, flags, width);
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
      const x = hooks.asFloat(v);
      if (x === undefined) throw typeError(`must be real number, not ${hooks.typeName(v)}`);
      let text = floatToString(x, ch, prec < 0 ? 6 : prec, { alt: (flags & F_ALT) !== 0 });
      const negative = text.charCodeAt(0) === 45;
      if (negative) text = text.slice(1);
      return padNumber(sign(negative, flags), '', text, flags, width);
    }
    default:
      throw valueError(
        `unsupported format character '${cp >= 32 && cp < 127 ? ch : '?'}' (0x${cp.toString(16)}) at index ${index}`,
      );
  }
}

function sign(negative: boolean, flags: number): string {
  return negative ? '-' : flags & F_SIGN ? '+' : flags & F_BLANK ? ' ' : '';
}

function padText(s: string, flags: number, width: number): string {
  const len = cpLength(s);
  if (width <= len) return s;
  return flags & F_LJUST ? s + ' '.repeat(width - len) : ' '.repeat(width - len) + s;
}

function padNumber(sgn: string, prefix: string, body: string, flags: number, width: number): string {
  const len = sgn.length + prefix.length + body.length;
  if (width <= len) return sgn + prefix + body;
  const fill = width - len;
  if (flags & F_LJUST) return sgn + prefix + body + ' '.repeat(fill);
  if (flags & F_ZERO) return sgn + prefix + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sgn + prefix + body;
}

