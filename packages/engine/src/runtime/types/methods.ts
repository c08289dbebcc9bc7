// Builtin type methods the core runtime does not define yet (set algebra updates, more str
// methods, int/float/complex/range attributes, bytes methods). Each is added only when the type
// lacks it, so the core's own definitions always win. String algorithms are values/'s pure ones.
import {
  PyBuiltin, PyByteArray, PyBytes, PyClassMethod, PyComplex, PyDict, PyFloat, PyGetSetDescr, PyInt, PyNone, PyRange, PySet,
  PyStaticMethod, PyStr, PyTuple, type NativeFn, type PyObject, type PyType,
} from '../object.js';
import { PyThrow, type Runtime } from '../runtime.js';
import { dictItems, dictSet } from '../dict.js';
import { err, liftValues } from '../errors.js';
import * as S from '../../values/str-methods.js';
import { equal, hashKey, isSubtype, rangeLen, repr, toArray, typeName } from '../ops.js';
import { asInt } from '../types.js';
import { setDifferenceUpdate, setIntersectionUpdate, setSymmetricDifference, setSymmetricDifferenceUpdate } from '../sets.js';

export function installMoreMethods(rt: Runtime): void {
  const T = rt.t;
  const method = (t: PyType, name: string, fn: NativeFn): void => {
    if (!t.dict.has(name)) t.dict.set(name, rt.newMethodDescr(t, name, fn));
  };
  const getset = (t: PyType, name: string, get: (o: PyObject) => PyObject): void => {
    if (!t.dict.has(name)) t.dict.set(name, rt.immortal(new PyGetSetDescr(name, t, get, null), T.getset_descriptor!));
  };
  /** Runs a values/ function, turning its PyValueError into the Python exception. */
  const pure = <R>(f: () => R): R => liftValues(rt, f);
  const optIndex = (o: PyObject | undefined): number | undefined => (o === undefined || o instanceof PyNone ? undefined : Number(asInt(rt, o)));

  // ---------------------------------------------------------------------------------------------
  // list.__new__ / dict.__new__ honour a subclass (class D(dict) makes a D, kind 'dict'); the core's
  // constructors serve the exact types. (To fold into types.ts's staticNew.)

  for (const base of [T.dict!, T.list!]) {
    // Subclasses inherit the solid base's kind: their instances are PyDict / PyList (newInstance).
    if (base.kind === 'object') base.kind = base.name;
    const core = base.dict.get('__new__') as { fn: NativeFn } | undefined;
    if (core === undefined) continue;
    base.dict.set('__new__', rt.immortal(new rt.BuiltinCtor('__new__', (args, kw, self) => {
      const cls = args[0] as PyType;
      if (cls === base || !cls.heap) return core.fn(args, kw, self);
      const o = rt.newInstance(cls) as PyObject & { slots?: (PyObject | null)[] | null };
      // __slots__ storage (the core keeps it on instances of the 'object' kind only).
      if (cls.slotNames !== null && o.slots === undefined) o.slots = cls.slotNames.map(() => null);
      return o;
    }), T.builtin_function_or_method!));
  }

  // tuple.__new__(cls, iterable) for a subclass (namedtuple): a tuple whose type is cls.
  {
    const Tuple = T.tuple!;
    const core = Tuple.dict.get('__new__') as { fn: NativeFn } | undefined;
    if (core !== undefined) {
      if (Tuple.kind === 'object') Tuple.kind = 'tuple';
      Tuple.dict.set('__new__', rt.immortal(new rt.BuiltinCtor('__new__', (args, kw, self) => {
        const cls = args[0] as PyType;
        if (cls === Tuple || !cls.heap) return core.fn(args, kw, self);
        const items = args.length > 1 ? toArray(rt, args[1]!) : [];
        const t = rt.alloc(new PyTuple(items), cls, 40 + 8 * items.length, true);
        rt.adoptItems(t, items, true);
        rt.track(t);
        return t;
      }), T.builtin_function_or_method!));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // set / frozenset

  for (const t of [T.set!, T.frozenset!]) {
    method(t, 'isdisjoint', (args, _k, self) => {
      const s = self as PySet;
      const other = args[0]!;
      if (other instanceof PySet) {
        for (const k of other.keys.keys()) if (s.keys.has(k)) return rt.bool(false);
        return rt.bool(true);
      }
      const xs = toArray(rt, other);
      try {
        return rt.bool(xs.every((x) => !s.keys.has(hashKey(rt, x))));
      } finally {
        for (const x of xs) rt.tempDecref(x);
      }
    });
    method(t, 'symmetric_difference', (args, _k, self) => setSymmetricDifference(rt, self as PySet, args[0]!));
  }
  const S_ = T.set!;
  method(S_, 'difference_update', (args, _k, self) => {
    for (const a of args) setDifferenceUpdate(rt, self as PySet, a);
    return rt.none();
  });
  method(S_, 'intersection_update', (args, _k, self) => {
    for (const a of args) setIntersectionUpdate(rt, self as PySet, a);
    return rt.none();
  });
  method(S_, 'symmetric_difference_update', (args, _k, self) => {
    setSymmetricDifferenceUpdate(rt, self as PySet, args[0]!);
    return rt.none();
  });

  // ---------------------------------------------------------------------------------------------
  // str

  const sv = (o: PyObject, what = 'argument'): string => {
    if (!(o instanceof PyStr)) throw err(rt, 'TypeError', `${what} must be str, not ${typeName(o)}`);
    return o.value;
  };
  const Str = T.str!;
  // str.maketrans (a static method) and str.translate: a table from code points to code
  // points, strings or None (deleted); characters the table lacks (LookupError) are kept.
  if (!Str.dict.has('maketrans')) {
    Str.dict.set('maketrans', rt.immortal(new PyStaticMethod(rt.immortal(new PyBuiltin('maketrans', (a) => {
      const d = rt.newDict();
      const put = (k: PyObject, v: PyObject): void => {
        dictSet(rt, d, k, hashKey(rt, k), v);
      };
      if (a.length === 1) {
        const m = a[0]!;
        if (!(m instanceof PyDict)) throw err(rt, 'TypeError', 'if you give only one argument to maketrans it must be a dict');
        for (const [k, v] of [...dictItems(m)]) {
          if (k instanceof PyStr) {
            if ([...k.value].length !== 1) throw err(rt, 'ValueError', 'string keys in translate table must be of length 1');
            const o = rt.int(k.value.codePointAt(0)!);
            put(o, v);
            rt.tempDecref(o);
          } else if (k instanceof PyInt) put(k, v);
          else throw err(rt, 'TypeError', 'keys in translate table must be strings or integers');
        }
        return d;
      }
      const x = [...sv(a[0]!, 'maketrans() argument 1')];
      const y = [...sv(a[1]!, 'maketrans() argument 2')];
      if (x.length !== y.length) throw err(rt, 'ValueError', 'the first two maketrans arguments must have equal length');
      for (let i = 0; i < x.length; i++) {
        const k = rt.int(x[i]!.codePointAt(0)!);
        const v = rt.int(y[i]!.codePointAt(0)!);
        put(k, v);
        rt.tempDecref(k);
        rt.tempDecref(v);
      }
      if (a.length > 2) {
        for (const ch of sv(a[2]!, 'maketrans() argument 3')) {
          const k = rt.int(ch.codePointAt(0)!);
          put(k, rt.None);
          rt.tempDecref(k);
        }
      }
      return d;
    }), T.builtin_function_or_method!)), T.staticmethod!));
  }
  method(Str, 'translate', (a, _k, self) => {
    const table = a[0]!;
    let out = '';
    for (const ch of sv(self!)) {
      const key = rt.int(ch.codePointAt(0)!);
      let v: PyObject;
      try {
        v = rt.getItem(table, key);
      } catch (e) {
        if (e instanceof PyThrow && isSubtype(e.exc.type, T.LookupError!)) {
          rt.tempDecref(e.exc);
          out += ch;
          continue;
        }
        throw e;
      } finally {
        rt.tempDecref(key);
      }
      if (v instanceof PyStr) out += v.value;
      else if (v instanceof PyInt) out += String.fromCodePoint(Number(v.value));
      else if (!(v instanceof PyNone)) {
        rt.tempDecref(v);
        throw err(rt, 'TypeError', 'character mapping must return integer, None or str');
      }
      rt.tempDecref(v);
    }
    return rt.newStr(out);
  });
  method(Str, 'expandtabs', (a, _k, self) => rt.newStr(S.strExpandtabs(sv(self!), a[0] ? Number(asInt(rt, a[0])) : 8)));
  method(Str, 'isascii', (_a, _k, self) => rt.bool(/^[\x00-\x7f]*$/.test(sv(self!))));
  method(Str, 'isprintable', (_a, _k, self) => rt.bool([...sv(self!)].every((c) => /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(c))));
  method(Str, 'istitle', (_a, _k, self) => rt.bool(S.strIstitle(sv(self!))));
  method(Str, 'removeprefix', (a, _k, self) => {
    const r = S.strRemoveprefix(sv(self!), sv(a[0]!, 'removeprefix() argument'));
    return r === (self as PyStr).value ? rt.tempIncref(self!) : rt.newStr(r);
  });
  method(Str, 'removesuffix', (a, _k, self) => {
    const r = S.strRemovesuffix(sv(self!), sv(a[0]!, 'removesuffix() argument'));
    return r === (self as PyStr).value ? rt.tempIncref(self!) : rt.newStr(r);
  });
  method(Str, 'rindex', (a, _k, self) => rt.int(pure(() => S.strRindex(sv(self!), sv(a[0]!), optIndex(a[1]), optIndex(a[2])))));
  method(Str, 'rpartition', (a, _k, self) => {
    const parts = pure(() => S.strRpartition(sv(self!), sv(a[0]!)));
    return rt.tuple(parts.map((p) => rt.newStr(p)));
  });
  method(Str, 'partition', (a, _k, self) => {
    const parts = pure(() => S.strPartition(sv(self!), sv(a[0]!)));
    return rt.tuple(parts.map((p) => rt.newStr(p)));
  });
  method(Str, 'casefold', (_a, _k, self) => rt.newStr(S.strCasefold(sv(self!))));

  // ---------------------------------------------------------------------------------------------
  // int / bool, float, complex

  const Int = T.int!;
  const iv = (o: PyObject): bigint => (o as PyInt).value;
  const plainInt = (o: PyObject): PyObject => (o.type === Int ? rt.tempIncref(o) : rt.int(iv(o)));
  method(Int, 'bit_count', (_a, _k, self) => {
    let v = iv(self!);
    if (v < 0n) v = -v;
    let c = 0;
    for (; v > 0n; v >>= 1n) if (v & 1n) c++;
    return rt.int(c);
  });
  method(Int, 'conjugate', (_a, _k, self) => plainInt(self!));
  method(Int, 'as_integer_ratio', (_a, _k, self) => rt.tuple([plainInt(self!), rt.int(1)]));
  getset(Int, 'real', (o) => plainInt(o));
  getset(Int, 'numerator', (o) => plainInt(o));
  getset(Int, 'imag', () => rt.int(0));
  getset(Int, 'denominator', () => rt.int(1));
  // int.from_bytes(bytes, byteorder='big', *, signed=False): a class method.
  if (!Int.dict.has('from_bytes')) {
    Int.dict.set('from_bytes', rt.immortal(new PyClassMethod(rt.immortal(new PyBuiltin('from_bytes', (a, kw) => {
      const npos = a.length - (kw?.length ?? 0);
      let src: PyObject | null = npos > 1 ? a[1]! : null;
      let order = npos > 2 ? sv(a[2]!) : 'big';
      let signed = false;
      (kw ?? []).forEach((k, i) => {
        const v = a[npos + i]!;
        if (k === 'bytes') src = v;
        else if (k === 'byteorder') order = sv(v);
        else if (k === 'signed') signed = v === rt.True || (v instanceof PyInt && v.value !== 0n);
        else throw err(rt, 'TypeError', `'${k}' is an invalid keyword argument for from_bytes()`);
      });
      if (src === null) throw err(rt, 'TypeError', "from_bytes() missing required argument 'bytes' (pos 1)");
      if (order !== 'big' && order !== 'little') throw err(rt, 'ValueError', "byteorder must be either 'little' or 'big'");
      let data: Uint8Array;
      if (src instanceof PyBytes || src instanceof PyByteArray) data = Uint8Array.from(src.value);
      else {
        const items = toArray(rt, src);
        data = Uint8Array.from(items.map((x) => Number(asInt(rt, x))));
        for (const x of items) rt.tempDecref(x);
      }
      const bytes = order === 'big' ? [...data] : [...data].reverse();
      let v = 0n;
      for (const b of bytes) v = (v << 8n) | BigInt(b);
      if (signed && bytes.length > 0 && bytes[0]! & 0x80) v -= 1n << BigInt(8 * bytes.length);
      return rt.int(v);
    }), T.builtin_function_or_method!)), T.classmethod!));
  }
  method(Int, 'to_bytes', (a, kw, self) => {
    const npos = a.length - (kw?.length ?? 0);
    let length = 1;
    let order = 'big';
    let signed = false;
    if (npos > 0) length = Number(asInt(rt, a[0]!));
    if (npos > 1) order = sv(a[1]!);
    (kw ?? []).forEach((k, i) => {
      const v = a[npos + i]!;
      if (k === 'length') length = Number(asInt(rt, v));
      else if (k === 'byteorder') order = sv(v);
      else if (k === 'signed') signed = v === rt.True || (v instanceof PyInt && v.value !== 0n);
    });
    if (order !== 'big' && order !== 'little') throw err(rt, 'ValueError', "byteorder must be either 'little' or 'big'");
    if (length < 0) throw err(rt, 'ValueError', 'length argument must be non-negative');
    let v = iv(self!);
    if (v < 0n && !signed) throw err(rt, 'OverflowError', "can't convert negative int to unsigned");
    const bits = BigInt(length * 8);
    if (signed ? v >= 1n << (bits - 1n) || v < -(1n << (bits - 1n)) : v >= 1n << bits) throw err(rt, 'OverflowError', 'int too big to convert');
    if (v < 0n) v += 1n << bits;
    const out = new Uint8Array(length);
    for (let i = length - 1; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
    if (order === 'little') out.reverse();
    return rt.newBytes(out);
  });
  const Float = T.float!;
  const fv = (o: PyObject): number => (o as PyFloat).value;
  method(Float, 'conjugate', (_a, _k, self) => (self!.type === Float ? rt.tempIncref(self!) : rt.float(fv(self!))));
  getset(Float, 'real', (o) => (o.type === Float ? rt.tempIncref(o) : rt.float(fv(o))));
  getset(Float, 'imag', () => rt.float(0));
  method(Float, 'as_integer_ratio', (_a, _k, self) => {
    const x = fv(self!);
    if (Number.isNaN(x)) throw err(rt, 'ValueError', 'cannot convert NaN to integer ratio');
    if (!Number.isFinite(x)) throw err(rt, 'OverflowError', 'cannot convert Infinity to integer ratio');
    let m = x;
    let e = 0;
    while (m !== Math.floor(m)) {
      m *= 2;
      e++;
    }
    let num = BigInt(m);
    let den = 1n << BigInt(e);
    while (den > 1n && num % 2n === 0n) {
      num /= 2n;
      den /= 2n;
    }
    return rt.tuple([rt.int(num), rt.int(den)]);
  });
  method(Float, 'hex', (_a, _k, self) => rt.newStr(floatHex(fv(self!))));
  const Complex = T.complex;
  if (Complex !== undefined) {
    getset(Complex, 'real', (o) => rt.float((o as PyComplex).real));
    getset(Complex, 'imag', (o) => rt.float((o as PyComplex).imag));
    method(Complex, 'conjugate', (_a, _k, self) => rt.alloc(new PyComplex((self as PyComplex).real, -(self as PyComplex).imag), Complex, 32, false));
    // complex(real=0, imag=0) and complex(str): complex_new.
    if (!Complex.dict.has('__new__')) {
      const parts = (o: PyObject, what: string): [number, number] => {
        if (o instanceof PyComplex) return [o.real, o.imag];
        if (o instanceof PyFloat) return [o.value, 0];
        if (o instanceof PyInt) return [Number(o.value), 0];
        throw err(rt, 'TypeError', `complex() ${what} must be a number, not '${typeName(o)}'`);
      };
      const fromString = (text: string): [number, number] => {
        let t = text.trim();
        if (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
        const num = '(?:\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(?:[eE][+-]?\\d+)?|inf(?:inity)?|nan';
        const m = new RegExp(`^([+-]?(?:${num}))?(?:([+-](?:${num})?)[jJ])?$`, 'i').exec(t)
          ?? new RegExp(`^([+-]?(?:${num})?)[jJ]$`, 'i').exec(t);
        const bad = (): never => { throw err(rt, 'ValueError', 'complex() arg is a malformed string'); };
        if (m === null || t === '') return bad();
        const num1 = (x: string): number => {
          const v = x.replace(/_/g, '').toLowerCase();
          if (v === '' || v === '+') return 1;
          if (v === '-') return -1;
          const sign = v.startsWith('-') ? -1 : 1;
          const body = v.replace(/^[+-]/, '');
          return sign * (body.startsWith('inf') ? Infinity : body === 'nan' ? NaN : Number(body));
        };
        if (/[jJ]$/.test(t) && m[2] === undefined) return [0, num1(m[1] ?? '')];
        return [m[1] !== undefined ? num1(m[1]) : 0, m[2] !== undefined ? num1(m[2]) : 0];
      };
      Complex.dict.set('__new__', rt.immortal(new PyBuiltin('__new__', (args, kw) => {
        const npos = args.length - (kw?.length ?? 0);
        let real: PyObject | null = npos > 1 ? args[1]! : null;
        let imag: PyObject | null = npos > 2 ? args[2]! : null;
        (kw ?? []).forEach((k, i) => {
          if (k === 'real') real = args[npos + i]!;
          else if (k === 'imag') imag = args[npos + i]!;
          else throw err(rt, 'TypeError', `complex() got an unexpected keyword argument '${k}'`);
        });
        let re = 0;
        let im = 0;
        if (real instanceof PyStr) {
          if (imag !== null) throw err(rt, 'TypeError', "complex() can't take second arg if first is a string");
          [re, im] = fromString(real.value);
        } else {
          if (real !== null) [re, im] = parts(real, 'first argument');
          if (imag !== null) {
            if (imag instanceof PyStr) throw err(rt, 'TypeError', "complex() second arg can't be a string");
            const [ir, ii] = parts(imag, 'second argument');
            re -= ii;
            im += ir;
          }
        }
        return rt.alloc(new PyComplex(re, im), Complex, 32, false);
      }), T.builtin_function_or_method!));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // range

  const Range = T.range!;
  getset(Range, 'start', (o) => rt.int((o as PyRange).start));
  getset(Range, 'stop', (o) => rt.int((o as PyRange).stop));
  getset(Range, 'step', (o) => rt.int((o as PyRange).step));
  const rangeIndex = (r: PyRange, x: PyObject): number => {
    if (x instanceof PyInt && x.type === Int) {
      const v = x.value;
      const n = rangeLen(r);
      if (n === 0n) return -1;
      const off = v - r.start;
      if (off % r.step !== 0n) return -1;
      const i = off / r.step;
      return i >= 0n && i < n ? Number(i) : -1;
    }
    const n = Number(rangeLen(r));
    for (let i = 0; i < n; i++) {
      const y = rt.int(r.start + BigInt(i) * r.step);
      const eq = equal(rt, y, x);
      rt.tempDecref(y);
      if (eq) return i;
    }
    return -1;
  };
  method(Range, 'index', (a, _k, self) => {
    const i = rangeIndex(self as PyRange, a[0]!);
    if (i < 0) throw err(rt, 'ValueError', `${repr(rt, a[0]!)} is not in range`);
    return rt.int(i);
  });
  method(Range, 'count', (a, _k, self) => rt.int(rangeIndex(self as PyRange, a[0]!) >= 0 ? 1 : 0));

  // ---------------------------------------------------------------------------------------------
  // bytes / bytearray: byte strings as latin-1 JS strings through values/ (case changes ASCII only)

  const bv = (o: PyObject): string => {
    if (o instanceof PyBytes) return String.fromCharCode(...o.value);
    if (o instanceof PyByteArray) return String.fromCharCode(...o.value);
    throw err(rt, 'TypeError', `a bytes-like object is required, not '${typeName(o)}'`);
  };
  const toBytes = (like: PyObject, s: string): PyObject => {
    const u = Uint8Array.from(s, (c) => c.charCodeAt(0));
    if (like instanceof PyByteArray) return rt.alloc(new PyByteArray([...u]), T.bytearray!, 56 + (u.length ? u.length + 1 : 0), false);
    return rt.newBytes(u);
  };
  const asciiMap = (s: string, f: (c: string) => string): string => s.replace(/[A-Za-z]/g, f);
  for (const t of [T.bytes!, T.bytearray!]) {
    method(t, 'count', (a, _k, self) => rt.int(S.strCount(bv(self!), bv(a[0]!), optIndex(a[1]), optIndex(a[2]))));
    method(t, 'find', (a, _k, self) => rt.int(S.strFind(bv(self!), bv(a[0]!), optIndex(a[1]), optIndex(a[2]))));
    method(t, 'rfind', (a, _k, self) => rt.int(S.strRfind(bv(self!), bv(a[0]!), optIndex(a[1]), optIndex(a[2]))));
    method(t, 'index', (a, _k, self) => rt.int(pure(() => S.strIndex(bv(self!), bv(a[0]!), optIndex(a[1]), optIndex(a[2])))));
    method(t, 'rindex', (a, _k, self) => rt.int(pure(() => S.strRindex(bv(self!), bv(a[0]!), optIndex(a[1]), optIndex(a[2])))));
    const affix = (a: PyObject): string | string[] => (a instanceof PyTuple ? a.items.map(bv) : bv(a));
    method(t, 'startswith', (a, _k, self) => rt.bool(S.strStartswith(bv(self!), affix(a[0]!), optIndex(a[1]), optIndex(a[2]))));
    method(t, 'endswith', (a, _k, self) => rt.bool(S.strEndswith(bv(self!), affix(a[0]!), optIndex(a[1]), optIndex(a[2]))));
    method(t, 'replace', (a, _k, self) => toBytes(self!, S.strReplace(bv(self!), bv(a[0]!), bv(a[1]!), a[2] ? Number(asInt(rt, a[2])) : -1)));
    method(t, 'upper', (_a, _k, self) => toBytes(self!, asciiMap(bv(self!), (c) => c.toUpperCase())));
    method(t, 'lower', (_a, _k, self) => toBytes(self!, asciiMap(bv(self!), (c) => c.toLowerCase())));
    method(t, 'swapcase', (_a, _k, self) => toBytes(self!, asciiMap(bv(self!), (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))));
    const ws = ' \t\n\r\x0b\x0c';
    const strip = (s: string, chars: string, left: boolean, right: boolean): string => {
      let i = 0;
      let j = s.length;
      if (left) while (i < j && chars.includes(s[i]!)) i++;
      if (right) while (j > i && chars.includes(s[j - 1]!)) j--;
      return s.slice(i, j);
    };
    const chars = (a: PyObject | undefined): string => (a === undefined || a instanceof PyNone ? ws : bv(a));
    method(t, 'strip', (a, _k, self) => toBytes(self!, strip(bv(self!), chars(a[0]), true, true)));
    method(t, 'lstrip', (a, _k, self) => toBytes(self!, strip(bv(self!), chars(a[0]), true, false)));
    method(t, 'rstrip', (a, _k, self) => toBytes(self!, strip(bv(self!), chars(a[0]), false, true)));
    const list = (like: PyObject, parts: string[]): PyObject => rt.newList(parts.map((p) => toBytes(like, p)));
    method(t, 'split', (a, _k, self) => list(self!, pure(() => S.strSplit(bv(self!), a[0] === undefined || a[0] instanceof PyNone ? null : bv(a[0]), a[1] ? Number(asInt(rt, a[1])) : -1))));
    method(t, 'rsplit', (a, _k, self) => list(self!, pure(() => S.strRsplit(bv(self!), a[0] === undefined || a[0] instanceof PyNone ? null : bv(a[0]), a[1] ? Number(asInt(rt, a[1])) : -1))));
    method(t, 'join', (a, _k, self) => {
      const items = toArray(rt, a[0]!);
      try {
        return toBytes(self!, items.map((x, i) => {
          if (!(x instanceof PyBytes || x instanceof PyByteArray)) throw err(rt, 'TypeError', `sequence item ${i}: expected a bytes-like object, ${typeName(x)} found`);
          return bv(x);
        }).join(bv(self!)));
      } finally {
        for (const x of items) rt.tempDecref(x);
      }
    });
    method(t, 'hex', (_a, _k, self) => rt.newStr([...bv(self!)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
    method(t, 'isdigit', (_a, _k, self) => rt.bool(/^[0-9]+$/.test(bv(self!))));
    method(t, 'isalpha', (_a, _k, self) => rt.bool(/^[A-Za-z]+$/.test(bv(self!))));
    method(t, 'isalnum', (_a, _k, self) => rt.bool(/^[A-Za-z0-9]+$/.test(bv(self!))));
    method(t, 'isspace', (_a, _k, self) => rt.bool(/^[ \t\n\r\x0b\x0c]+$/.test(bv(self!))));
    method(t, 'isupper', (_a, _k, self) => rt.bool(/[A-Z]/.test(bv(self!)) && !/[a-z]/.test(bv(self!))));
    method(t, 'islower', (_a, _k, self) => rt.bool(/[a-z]/.test(bv(self!)) && !/[A-Z]/.test(bv(self!))));
    method(t, 'isascii', (_a, _k, self) => rt.bool(/^[\x00-\x7f]*$/.test(bv(self!))));
    const pad = (name: string, f: (s: string, w: number, fill: string) => string): void =>
      method(t, name, (a, _k, self) => toBytes(self!, f(bv(self!), Number(asInt(rt, a[0]!)), a[1] ? bv(a[1]) : ' ')));
    pad('center', S.strCenter);
    pad('ljust', S.strLjust);
    pad('rjust', S.strRjust);
    method(t, 'zfill', (a, _k, self) => toBytes(self!, S.strZfill(bv(self!), Number(asInt(rt, a[0]!)))));
    method(t, 'partition', (a, _k, self) => rt.tuple(pure(() => S.strPartition(bv(self!), bv(a[0]!))).map((p) => toBytes(self!, p))));
    method(t, 'rpartition', (a, _k, self) => rt.tuple(pure(() => S.strRpartition(bv(self!), bv(a[0]!))).map((p) => toBytes(self!, p))));
    method(t, 'removeprefix', (a, _k, self) => toBytes(self!, S.strRemoveprefix(bv(self!), bv(a[0]!))));
    method(t, 'removesuffix', (a, _k, self) => toBytes(self!, S.strRemovesuffix(bv(self!), bv(a[0]!))));
    method(t, 'splitlines', (a, _k, self) => list(self!, S.strSplitlines(bv(self!), a[0] !== undefined && a[0] !== rt.False)));
  }
  const BA = T.bytearray!;
  const bav = (o: PyObject): number[] => (o as PyByteArray).value;
  const byteOf = (o: PyObject): number => {
    const v = Number(asInt(rt, o));
    if (v < 0 || v > 255) throw err(rt, 'ValueError', 'byte must be in range(0, 256)');
    return v;
  };
  method(BA, 'append', (a, _k, self) => (bav(self!).push(byteOf(a[0]!)), rt.none()));
  method(BA, 'extend', (a, _k, self) => {
    const xs = toArray(rt, a[0]!);
    try {
      for (const x of xs) bav(self!).push(byteOf(x));
    } finally {
      for (const x of xs) rt.tempDecref(x);
    }
    return rt.none();
  });
  method(BA, 'pop', (a, _k, self) => {
    const v = bav(self!);
    if (v.length === 0) throw err(rt, 'IndexError', 'pop from empty bytearray');
    let i = a[0] ? Number(asInt(rt, a[0])) : -1;
    if (i < 0) i += v.length;
    if (i < 0 || i >= v.length) throw err(rt, 'IndexError', 'pop index out of range');
    return rt.int(v.splice(i, 1)[0]!);
  });
  method(BA, 'insert', (a, _k, self) => {
    const v = bav(self!);
    let i = Number(asInt(rt, a[0]!));
    if (i < 0) i = Math.max(0, i + v.length);
    v.splice(Math.min(i, v.length), 0, byteOf(a[1]!));
    return rt.none();
  });
  method(BA, 'remove', (a, _k, self) => {
    const v = bav(self!);
    const i = v.indexOf(byteOf(a[0]!));
    if (i < 0) throw err(rt, 'ValueError', 'value not found in bytearray');
    v.splice(i, 1);
    return rt.none();
  });
  method(BA, 'clear', (_a, _k, self) => ((self as PyByteArray).value = [], rt.none()));
  method(BA, 'reverse', (_a, _k, self) => (bav(self!).reverse(), rt.none()));
  method(BA, 'copy', (_a, _k, self) => toBytes(self!, bv(self!)));
}

/** float.hex(): [-]0x1.<13 hex digits>p<exp>, as float_hex prints it. */
function floatHex(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  x = Math.abs(x);
  if (x === 0) return sign + '0x0.0p+0';
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  let exp = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let lead = 1;
  if (exp === 0) {
    lead = 0;
    exp = -1022;
  } else exp -= 1023;
  const digits = mant.toString(16).padStart(13, '0');
  return `${sign}0x${lead}.${digits}p${exp >= 0 ? '+' : ''}${exp}`;
}
