// str methods, format specs (format(), f-strings, str.format) and %-formatting.
import { PyObject, PyStr, PyInt, PyFloat, PyTuple, PyDict, PyBool, PyType, PyList, type NativeFn } from './object.js';
import type { Runtime } from './runtime.js';
import { err, liftValues } from './errors.js';
import { str, repr, toArray, hashKey, lookup, callBound, typeName, getattr } from './ops.js';
import { dictGet } from './dict.js';
import { floatRepr } from '../values/float.js';
import { formatInt, formatFloat, formatStr } from '../values/format-spec.js';
import * as S_ from '../values/str-methods.js';
import * as L from '../memory/list.js';
import { EventKind } from '../events/kinds.js';

type MethodDef = (t: PyType, name: string, fn: NativeFn) => void;

const WS = ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85';

function stripChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars ?? WS;
  let i = 0;
  let j = s.length;
  if (left) while (i < j && set.includes(s[i]!)) i++;
  if (right) while (j > i && set.includes(s[j - 1]!)) j--;
  return s.slice(i, j);
}

export function installStrMethods(rt: Runtime, method: MethodDef): void {
  const T = rt.t;
  const S = T.str!;
  const sv = (o: PyObject | null): string => (o as PyStr).value;
  const optStr = (o: PyObject | undefined): string | null => (o === undefined || o === rt.None ? null : sv(o));
  const strList = (parts: string[], kind: 'split' | 'other', maxsplit = -1, shorter = false): PyObject => {
    const l = rt.newList(parts.map((p) => rt.newStr(p)));
    if (kind === 'split') {
      const cap = L.splitCapacity(parts.length, maxsplit, shorter);
      if (cap !== l.allocated) {
        l.allocated = cap;
        rt.log.push(EventKind.Resize, l.id, 56 + 8 * cap);
      }
    }
    return l;
  };
  method(S, 'join', (args, _kw, self) => {
    const items = toArray(rt, args[0]!);
    try {
      const parts = items.map((x, i) => {
        if (!(x instanceof PyStr)) throw err(rt, 'TypeError', `sequence item ${i}: expected str instance, ${typeName(x)} found`);
        return x.value;
      });
      if (items.length === 1 && items[0]!.type === S) return rt.tempIncref(items[0]!);
      return rt.newStr(parts.join(sv(self)));
    } finally {
      for (const x of items) rt.tempDecref(x);
    }
  });
  method(S, 'split', (args, kw, self) => {
    const s = sv(self);
    const npos = args.length - (kw?.length ?? 0);
    let sep: string | null = npos > 0 ? optStr(args[0]) : null;
    let maxsplit = npos > 1 ? Number((args[1] as PyInt).value) : -1;
    if (kw) kw.forEach((k, i) => {
      if (k === 'sep') sep = optStr(args[npos + i]);
      if (k === 'maxsplit') maxsplit = Number((args[npos + i] as PyInt).value);
    });
    let parts: string[];
    if (sep === null) {
      parts = [];
      let rest = s.replace(/^[\s]+/, '');
      while (rest.length > 0) {
        if (maxsplit >= 0 && parts.length >= maxsplit) {
          parts.push(rest.replace(/[\s]+$/, ''));
          break;
        }
        const m = /[\s]+/.exec(rest);
        if (!m) {
          parts.push(rest);
          break;
        }
        parts.push(rest.slice(0, m.index));
        rest = rest.slice(m.index + m[0].length);
      }
    } else {
      if (sep === '') throw err(rt, 'ValueError', 'empty separator');
      const all = s.split(sep);
      parts = maxsplit >= 0 && all.length > maxsplit + 1 ? [...all.slice(0, maxsplit), all.slice(maxsplit).join(sep)] : all;
    }
    return strList(parts, 'split', maxsplit, false);
  });
  method(S, 'rsplit', (args, _kw, self) => {
    const s = sv(self);
    const sep = optStr(args[0]);
    const maxsplit = args.length > 1 ? Number((args[1] as PyInt).value) : -1;
    if (sep === null) return strList(s.trim().split(/\s+/).filter((x) => x.length > 0), 'other');
    const all = s.split(sep);
    const parts = maxsplit >= 0 && all.length > maxsplit + 1 ? [all.slice(0, all.length - maxsplit).join(sep), ...all.slice(all.length - maxsplit)] : all;
    return strList(parts, 'other');
  });
  method(S, 'splitlines', (args, _kw, self) => {
    const keep = args.length > 0 && (args[0] as PyInt).value !== 0n;
    const s = sv(self);
    const parts: string[] = [];
    const re = /\r\n|\r|\n/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      parts.push(s.slice(last, keep ? m.index + m[0].length : m.index));
      last = m.index + m[0].length;
    }
    if (last < s.length) parts.push(s.slice(last));
    return strList(parts, 'other');
  });
  const strip = (l: boolean, r: boolean): NativeFn => (args, _kw, self) => {
    const s = sv(self);
    const out = stripChars(s, optStr(args[0]), l, r);
    return out === s && self!.type === S ? rt.tempIncref(self!) : rt.newStr(out);
  };
  method(S, 'strip', strip(true, true));
  method(S, 'lstrip', strip(true, false));
  method(S, 'rstrip', strip(false, true));
  const simple = (name: string, f: (s: string) => string): void => method(S, name, (_a, _kw, self) => rt.newStr(f(sv(self))));
  simple('upper', (s) => s.toUpperCase());
  simple('lower', (s) => s.toLowerCase());
  simple('casefold', (s) => s.toLowerCase());
  simple('swapcase', (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
  simple('capitalize', (s) => s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase());
  simple('title', (s) => s.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()));
  const pred = (name: string, re: RegExp): void => method(S, name, (_a, _kw, self) => rt.bool(sv(self).length > 0 && re.test(sv(self))));
  pred('isdigit', /^\d+$/);
  pred('isdecimal', /^\d+$/);
  pred('isnumeric', /^\d+$/);
  pred('isalpha', /^[\p{L}]+$/u);
  pred('isalnum', /^[\p{L}\d]+$/u);
  pred('isspace', /^\s+$/);
  method(S, 'isidentifier', (_a, _kw, self) => rt.bool(/^[A-Za-z_][A-Za-z0-9_]*$/.test(sv(self))));
  method(S, 'isupper', (_a, _kw, self) => rt.bool(/[A-Z]/.test(sv(self)) && sv(self) === sv(self).toUpperCase()));
  method(S, 'islower', (_a, _kw, self) => rt.bool(/[a-z]/.test(sv(self)) && sv(self) === sv(self).toLowerCase()));
  method(S, 'replace', (args, _kw, self) => {
    const s = sv(self);
    const count = args.length > 2 ? Number((args[2] as PyInt).value) : -1;
    const a = sv(args[0]!);
    const b = sv(args[1]!);
    let out: string;
    if (count < 0) out = s.split(a).join(b);
    else {
      const parts = s.split(a);
      out = parts.length - 1 <= count ? parts.join(b) : parts.slice(0, count + 1).join(b) + a + parts.slice(count + 1).join(a);
    }
    return out === s && self!.type === S ? rt.tempIncref(self!) : rt.newStr(out);
  });
  const pad = (name: string, f: (s: string, w: number, c: string) => string): void => method(S, name, (args, _kw, self) => {
    const s = sv(self);
    const w = Number((args[0] as PyInt).value);
    const c = args.length > 1 ? sv(args[1]!) : ' ';
    if ([...s].length >= w && self!.type === S) return rt.tempIncref(self!);
    return rt.newStr(f(s, w, c));
  });
  pad('ljust', (s, w, c) => s + c.repeat(Math.max(0, w - [...s].length)));
  pad('rjust', (s, w, c) => c.repeat(Math.max(0, w - [...s].length)) + s);
  pad('center', (s, w, c) => {
    const n = [...s].length;
    const marg = w - n;
    if (marg <= 0) return s;
    const left = (marg >> 1) + (marg & w & 1);
    return c.repeat(left) + s + c.repeat(marg - left);
  });
  pad('zfill', (s, w) => {
    const n = [...s].length;
    if (n >= w) return s;
    const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
    return sign + '0'.repeat(w - n) + s.slice(sign.length);
  });
  method(S, 'encode', (_a, _kw, self) => rt.newBytes(new TextEncoder().encode(sv(self))));
  // Searching, with CPython's optional [start[, end]] slice (None for "not given"); the
  // algorithms are values/str-methods.ts's, on code points.
  const slice = (o: PyObject | undefined): number | undefined => {
    if (o === undefined || o === rt.None) return undefined;
    if (!(o instanceof PyInt)) throw err(rt, 'TypeError', 'slice indices must be integers or None or have an __index__ method');
    return Number(o.value);
  };
  const affix = (name: string, p: PyObject): string | string[] => {
    if (p instanceof PyStr) return p.value;
    if (p instanceof PyTuple) {
      return p.items.map((x) => {
        if (!(x instanceof PyStr)) throw err(rt, 'TypeError', `tuple for ${name} must only contain str, not ${typeName(x)}`);
        return x.value;
      });
    }
    throw err(rt, 'TypeError', `${name} first arg must be str or a tuple of str, not ${typeName(p)}`);
  };
  method(S, 'startswith', (args, _kw, self) => rt.bool(S_.strStartswith(sv(self), affix('startswith', args[0]!), slice(args[1]), slice(args[2]))));
  method(S, 'endswith', (args, _kw, self) => rt.bool(S_.strEndswith(sv(self), affix('endswith', args[0]!), slice(args[1]), slice(args[2]))));
  method(S, 'find', (args, _kw, self) => rt.int(S_.strFind(sv(self), sv(args[0]!), slice(args[1]), slice(args[2]))));
  method(S, 'rfind', (args, _kw, self) => rt.int(S_.strRfind(sv(self), sv(args[0]!), slice(args[1]), slice(args[2]))));
  method(S, 'index', (args, _kw, self) => rt.int(liftValues(rt, () => S_.strIndex(sv(self), sv(args[0]!), slice(args[1]), slice(args[2])))));
  method(S, 'count', (args, _kw, self) => rt.int(S_.strCount(sv(self), sv(args[0]!), slice(args[1]), slice(args[2]))));
  method(S, 'partition', (args, _kw, self) => {
    const s = sv(self);
    const sep = sv(args[0]!);
    const i = s.indexOf(sep);
    if (i < 0) return rt.tuple([rt.tempIncref(self!), rt.newStr(''), rt.newStr('')]);
    return rt.tuple([rt.newStr(s.slice(0, i)), rt.tempIncref(args[0]!), rt.newStr(s.slice(i + sep.length))]);
  });
  method(S, 'format', (args, kw, self) => rt.newStr(strFormat(rt, sv(self), args, kw)));
  method(S, '__format__', (args, _kw, self) => rt.newStr(formatSpec(rt, self!, sv(args[0]!))));
  rt.format = (o, spec) => formatSpec(rt, o, spec);
  rt.percentFormat = (fmt, args) => percentFormat(rt, fmt, args);
}

// ---------------------------------------------------------------------------------------------
// Format specs

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

function parseSpec(rt: Runtime, spec: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su.exec(spec);
  if (!m) throw err(rt, 'ValueError', 'Invalid format specifier');
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[5] ? '=' : ''),
    sign: m[3] ?? '-',
    alt: m[4] !== undefined,
    zero: m[5] !== undefined,
    width: m[6] ? Number(m[6]) : -1,
    grouping: m[7] ?? '',
    precision: m[8] !== undefined ? Number(m[8]) : -1,
    type: m[9] ?? '',
  };
}

function group(digits: string, sep: string, every = 3): string {
  if (!sep) return digits;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % every === 0) out += sep;
    out += digits[i];
  }
  return out;
}

function alignText(body: string, sign: string, sp: Spec, defaultAlign: string): string {
  const total = [...body].length + sign.length;
  const width = sp.width;
  if (width <= total) return sign + body;
  const padn = width - total;
  const align = sp.align || defaultAlign;
  const f = sp.fill;
  if (align === '<') return sign + body + f.repeat(padn);
  if (align === '>') return f.repeat(padn) + sign + body;
  if (align === '=') return sign + f.repeat(padn) + body;
  const left = padn >> 1;
  return f.repeat(left) + sign + body + f.repeat(padn - left);
}

function fmtExp(v: number, prec: number, upper: boolean, alt: boolean): string {
  let s = v.toExponential(prec);
  let [mant, exp] = s.split('e') as [string, string];
  if (alt && !mant.includes('.')) mant += '.';
  const sign = exp[0] === '-' ? '-' : '+';
  exp = exp.replace(/^[+-]/, '');
  if (exp.length < 2) exp = '0' + exp;
  s = mant + 'e' + sign + exp;
  return upper ? s.toUpperCase() : s;
}

function toFixedBig(v: number, prec: number): string {
  if (Math.abs(v) < 1e21) return v.toFixed(prec);
  // Exact decimal expansion of a large double.
  const big = BigInt(v);
  return big.toString() + (prec > 0 ? '.' + '0'.repeat(prec) : '');
}

function fmtGeneral(v: number, prec: number, upper: boolean, alt: boolean, reprLike: boolean): string {
  if (prec === 0) prec = 1;
  if (v === 0) return (Object.is(v, -0) ? '-' : '') + (alt ? '0.' + '0'.repeat(prec - 1) : '0');
  const exp = Math.floor(Math.log10(Math.abs(v)));
  let e = Number(Math.abs(v).toExponential(prec - 1).split('e')[1]);
  if (Number.isNaN(e)) e = exp;
  let s: string;
  if (e < -4 || e >= prec) {
    s = fmtExp(Math.abs(v), prec - 1, upper, alt);
    if (!alt) s = s.replace(/\.?0+(e|E)/, '$1');
  } else {
    s = Math.abs(v).toFixed(Math.max(0, prec - 1 - e));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  void reprLike;
  return (v < 0 ? '-' : '') + s;
}

function formatFloatSp(v: number, sp: Spec): [string, string] {
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  let body: string;
  const t = sp.type;
  const upper = t === 'E' || t === 'F' || t === 'G';
  if (!Number.isFinite(v)) body = Number.isNaN(v) ? 'nan' : 'inf';
  else if (t === 'f' || t === 'F') body = toFixedBig(a, sp.precision < 0 ? 6 : sp.precision);
  else if (t === 'e' || t === 'E') body = fmtExp(a, sp.precision < 0 ? 6 : sp.precision, upper, sp.alt);
  else if (t === '%') body = toFixedBig(a * 100, sp.precision < 0 ? 6 : sp.precision) + '%';
  else if (t === 'g' || t === 'G') body = fmtGeneral(a, sp.precision < 0 ? 6 : sp.precision, upper, sp.alt, false);
  else if (sp.precision >= 0) {
    body = fmtGeneral(a, sp.precision, false, sp.alt, true);
    if (!body.includes('.') && !body.includes('e') && !body.includes('inf') && !body.includes('nan')) {
      /* repr-style general: keep as is */
    }
  } else body = floatRepr(a);
  if (upper) body = body.toUpperCase();
  if (sp.grouping) {
    const [ip, fp] = body.split('.') as [string, string | undefined];
    body = group(ip, sp.grouping) + (fp !== undefined ? '.' + fp : '');
  }
  const sign = neg && !Number.isNaN(v) ? '-' : sp.sign === '+' ? '+' : sp.sign === ' ' ? ' ' : '';
  return [body, sign];
}

export function formatSpec(rt: Runtime, o: PyObject, spec: string): string {
  if (o.type.heap) {
    const f = lookup(o.type, '__format__');
    if (f !== null && !(f.type === rt.t.method_descriptor)) {
      const s = rt.newStr(spec);
      const r = callBound(rt, f, o, [s]);
      rt.tempDecref(s);
      const out = (r as PyStr).value;
      rt.tempDecref(r);
      return out;
    }
  }
  if (spec === '' && !(o instanceof PyFloat) && !(o instanceof PyInt)) return str(rt, o);
  const text = liftValues(rt, (): string | null => {
    if (o instanceof PyBool) return spec === '' ? (o.value ? 'True' : 'False') : formatInt(o.value, spec, 'bool');
    if (o instanceof PyInt) return spec === '' ? (o.num === o.num ? String(o.num) : o.value.toString()) : formatInt(o.value, spec, o.type.name);
    if (o instanceof PyFloat) return spec === '' ? floatRepr(o.value) : formatFloat(o.value, spec);
    if (o instanceof PyStr) return formatStr(o.value, spec);
    return null;
  });
  if (text !== null) return text;
  throw err(rt, 'TypeError', `unsupported format string passed to ${typeName(o)}.__format__`);
}

// ---------------------------------------------------------------------------------------------
// str.format

function strFormat(rt: Runtime, fmt: string, args: PyObject[], kwnames: string[] | null): string {
  const npos = args.length - (kwnames?.length ?? 0);
  const kw = new Map<string, PyObject>();
  kwnames?.forEach((k, i) => kw.set(k, args[npos + i]!));
  let auto = 0;
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '{') {
      if (fmt[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      while (j < fmt.length && depth > 0) {
        if (fmt[j] === '{') depth++;
        else if (fmt[j] === '}') depth--;
        if (depth > 0) j++;
      }
      if (j >= fmt.length) throw err(rt, 'ValueError', "Single '{' encountered in format string");
      const field = fmt.slice(i + 1, j);
      i = j + 1;
      let name = field;
      let conv = '';
      let spec = '';
      const colon = findTop(field, ':');
      if (colon >= 0) {
        spec = field.slice(colon + 1);
        name = field.slice(0, colon);
      }
      const bang = name.indexOf('!');
      if (bang >= 0) {
        conv = name.slice(bang + 1);
        name = name.slice(0, bang);
      }
      spec = spec.replace(/\{([^{}]*)\}/g, (_m, inner: string) => {
        const v = resolveField(rt, inner === '' ? String(auto++) : inner, args, npos, kw);
        const s = str(rt, v);
        rt.tempDecref(v);
        return s;
      });
      const m = /^([^.[]*)(.*)$/s.exec(name)!;
      let head = m[1]!;
      if (head === '') head = String(auto++);
      const v = resolveField(rt, head + m[2]!, args, npos, kw);
      try {
        let target = v;
        let s: string;
        if (conv === 'r') s = formatSpec(rt, strObj(rt, repr(rt, target)), spec);
        else if (conv === 's') s = formatSpec(rt, strObj(rt, str(rt, target)), spec);
        else if (conv === 'a') s = formatSpec(rt, strObj(rt, ascii(repr(rt, target))), spec);
        else s = formatSpec(rt, target, spec);
        target = v;
        out += s;
      } finally {
        rt.tempDecref(v);
      }
      continue;
    }
    if (c === '}') {
      if (fmt[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw err(rt, 'ValueError', "Single '}' encountered in format string");
    }
    out += c;
    i++;
  }
  return out;
}

const scratch = new Map<string, PyStr>();
function strObj(rt: Runtime, s: string): PyStr {
  let o = scratch.get(s);
  if (!o) {
    o = new PyStr(s);
    o.type = rt.t.str!;
    o.immortal = true;
    scratch.set(s, o);
  }
  return o;
}

export function ascii(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 128) out += ch;
    else if (c < 256) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 65536) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out;
}

function findTop(s: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '[') depth++;
    else if (s[i] === ']') depth--;
    else if (s[i] === ch && depth === 0) return i;
  }
  return -1;
}

function resolveField(rt: Runtime, name: string, args: PyObject[], npos: number, kw: Map<string, PyObject>): PyObject {
  const m = /^([^.[]*)(.*)$/s.exec(name)!;
  const head = m[1]!;
  let v: PyObject;
  if (/^\d+$/.test(head)) {
    const k = Number(head);
    if (k >= npos) throw err(rt, 'IndexError', `Replacement index ${k} out of range for positional args tuple`);
    v = rt.tempIncref(args[k]!);
  } else {
    const x = kw.get(head);
    if (x === undefined) throw rt.keyError(strObj(rt, head));
    v = rt.tempIncref(x);
  }
  let rest = m[2]!;
  while (rest.length > 0) {
    const a = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (a) {
      const nv = getattr(rt, v, a[1]!);
      rt.tempDecref(v);
      v = nv;
      rest = rest.slice(a[0].length);
      continue;
    }
    const b = /^\[([^\]]*)\]/.exec(rest);
    if (b) {
      const key = /^\d+$/.test(b[1]!) ? rt.int(BigInt(b[1]!)) : rt.newStr(b[1]!);
      const nv = rt.getItem(v, key);
      rt.tempDecref(key);
      rt.tempDecref(v);
      v = nv;
      rest = rest.slice(b[0].length);
      continue;
    }
    throw err(rt, 'ValueError', 'Only \'.\' or \'[\' may follow \']\' in format field specifier');
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// %-formatting

function percentFormat(rt: Runtime, fmt: string, argsObj: PyObject): string {
  const isTuple = argsObj instanceof PyTuple && !argsObj.type.heap;
  const args = isTuple ? (argsObj as PyTuple).items : [argsObj];
  const mapping = argsObj instanceof PyDict ? argsObj : null;
  let ai = 0;
  let out = '';
  const re = /%(\([^)]*\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/gy;
  let i = 0;
  const nextArg = (): PyObject => {
    if (ai >= args.length) throw err(rt, 'TypeError', 'not enough arguments for format string');
    return args[ai++]!;
  };
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    re.lastIndex = pct;
    const m = re.exec(fmt);
    if (!m) throw err(rt, 'ValueError', `unsupported format character '${fmt[pct + 1] ?? ''}' (0x${(fmt.charCodeAt(pct + 1) || 0).toString(16)}) at index ${pct + 1}`);
    i = re.lastIndex;
    const conv = m[5]!;
    if (conv === '%') {
      out += '%';
      continue;
    }
    let v: PyObject;
    if (m[1] !== undefined) {
      if (mapping === null) throw err(rt, 'TypeError', 'format requires a mapping');
      const key = m[1].slice(1, -1);
      const got = dictGet(mapping, hashKey(rt, strObj(rt, key)));
      if (got === null) throw rt.keyError(strObj(rt, key));
      v = got;
    } else v = nextArg();
    const flags = m[2]!;
    let width = m[3] === '*' ? Number((nextArg() as PyInt).value) : m[3] ? Number(m[3]) : -1;
    const prec = m[4] === '*' ? Number((nextArg() as PyInt).value) : m[4] !== undefined ? Number(m[4]) : -1;
    let body: string;
    let sign = '';
    if (conv === 's') body = str(rt, v);
    else if (conv === 'r') body = repr(rt, v);
    else if (conv === 'a') body = ascii(repr(rt, v));
    else if (conv === 'c') body = v instanceof PyStr ? v.value : String.fromCodePoint(Number((v as PyInt).value));
    else if ('diu'.includes(conv)) {
      let n: bigint;
      if (v instanceof PyInt) n = v.value;
      else if (v instanceof PyFloat) n = BigInt(Math.trunc(v.value));
      else throw err(rt, 'TypeError', `%${conv} format: a real number is required, not ${typeName(v)}`);
      body = (n < 0n ? -n : n).toString();
      sign = n < 0n ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    } else if ('oxX'.includes(conv)) {
      const n = (v as PyInt).value;
      body = (n < 0n ? -n : n).toString(conv === 'o' ? 8 : 16);
      if (conv === 'X') body = body.toUpperCase();
      if (flags.includes('#')) body = (conv === 'o' ? '0o' : conv === 'x' ? '0x' : '0X') + body;
      sign = n < 0n ? '-' : flags.includes('+') ? '+' : '';
    } else {
      const x = v instanceof PyFloat ? v.value : Number((v as PyInt).value);
      const b = formatFloat(Math.abs(x), `${flags.includes('#') ? '#' : ''}.${prec < 0 ? 6 : prec}${conv}`);
      body = b;
      const neg = x < 0 || Object.is(x, -0);
      sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    }
    if (prec >= 0 && conv === 's') body = body.slice(0, prec);
    if (prec >= 0 && 'diu'.includes(conv) && body.length < prec) body = '0'.repeat(prec - body.length) + body;
    const total = body.length + sign.length;
    if (width > total) {
      if (flags.includes('-')) body = sign + body + ' '.repeat(width - total);
      else if (flags.includes('0') && !'srac'.includes(conv)) body = sign + '0'.repeat(width - total) + body;
      else body = ' '.repeat(width - total) + sign + body;
      width = -1;
      out += body;
    } else out += sign + body;
  }
  if (mapping === null && ai < args.length) throw err(rt, 'TypeError', 'not all arguments converted during string formatting');
  return out;
}

export { PyList };
