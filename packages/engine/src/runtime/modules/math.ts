// math (Modules/mathmodule.c): functions of doubles with CPython's error rules, and the integer
// functions on exact ints. Results that must be bit-exact are computed exactly: exp/log/pow are
// values/libm.ts's correctly rounded ones (as glibc's are in practice), fsum, hypot and dist round
// the exact BigInt result once, sqrt is IEEE's, sin/cos/tan/asin/acos/atan/atan2 are trig.ts's
// correctly rounded ones. The hyperbolic functions, expm1, log1p and cbrt use the JS engine's,
// which agree with glibc's to within an ulp.
import { PyFloat, PyInt, PyList, PyTuple, type PyModule, type PyObject } from '../object.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err, liftValues } from '../errors.js';
import { callBound, iter, lookup, next, typeName } from '../ops.js';
import { asInt, parseArgs } from '../types.js';
import { binaryOp, NB_MULTIPLY } from '../arith.js';
import { bigBitLength, decompose, ldexp } from '../../values/ieee.js';
import { intToFloat, ratioToDouble } from '../../values/int.js';
import { floatToInt } from '../../values/float.js';
import { crExp, crLog, crLog10, crLog2, crPow } from '../../values/libm.js';
import { bigIsqrt, crAcos, crAsin, crAtan, crAtan2, crCos, crSin, crTan } from './trig.js';

const DEG_TO_RAD = Math.PI / 180;
const RAD_TO_DEG = 180 / Math.PI;

export { bigIsqrt };

/** sqrt(sum of squares of xs), finite xs, rounded once from the exact value. */
function exactNorm(xs: number[]): number {
  let emin = Infinity;
  const parts: { mant: bigint; exp: number }[] = [];
  for (const x of xs) {
    if (x === 0) continue;
    const d = decompose(Math.abs(x));
    parts.push(d);
    if (d.exp < emin) emin = d.exp;
  }
  if (parts.length === 0) return 0;
  let s = 0n;
  for (const { mant, exp } of parts) s += (mant * mant) << BigInt(2 * (exp - emin));
  // value = sqrt(s) * 2**emin; scale s by 4**k so the root has at least 60 bits.
  const k = Math.max(0, 60 - (bigBitLength(s) >> 1));
  const scaled = s << BigInt(2 * k);
  const r = bigIsqrt(scaled);
  const sticky = r * r === scaled ? 0n : 1n;
  return ratioToDouble(2n * r + sticky, 1n, emin - k - 1);
}

/** The exact sum of finite doubles, rounded once (Infinity when it overflows). */
function exactSum(xs: number[]): number {
  let acc = 0n;
  for (const x of xs) {
    if (x === 0) continue;
    const { mant, exp } = decompose(Math.abs(x));
    const v = mant << BigInt(exp + 1074);
    acc += x < 0 ? -v : v;
  }
  if (acc === 0n) return 0;
  const neg = acc < 0n;
  const r = ratioToDouble(neg ? -acc : acc, 1n, -1074);
  return neg ? -r : r;
}

function isOddInteger(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y % 2) === 1;
}

export function makeMathModule(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('math');
  const domain = () => err(rt, 'ValueError', 'math domain error');
  const range = () => err(rt, 'OverflowError', 'math range error');
  const lift = <T>(f: () => T): T => liftValues(rt, f);

  /** PyFloat_AsDouble: float, int, __float__, then __index__. */
  const num = (o: PyObject): number => {
    if (o instanceof PyFloat) return o.value;
    if (o instanceof PyInt) return lift(() => intToFloat(o.value));
    const f = lookup(o.type, '__float__');
    if (f !== null) {
      const r = callBound(rt, f, o, []);
      rt.tempDecref(r);
      if (!(r instanceof PyFloat)) throw err(rt, 'TypeError', `${typeName(o)}.__float__ returned non-float (type ${typeName(r)})`);
      return r.value;
    }
    if (lookup(o.type, '__index__') !== null) return lift(() => intToFloat(asInt(rt, o)));
    throw err(rt, 'TypeError', `must be real number, not ${typeName(o)}`);
  };
  const exactlyOne = (name: string, args: PyObject[]): PyObject => {
    if (args.length !== 1) throw err(rt, 'TypeError', `math.${name}() takes exactly one argument (${args.length} given)`);
    return args[0]!;
  };
  const positional = (name: string, args: PyObject[], kw: string[] | null, min: number, max: number): void => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', `${name}() takes no keyword arguments`);
    const n = args.length;
    if (n >= min && n <= max) return;
    const what = min === max ? '' : n < min ? 'at least ' : 'at most ';
    const want = n < min ? min : max;
    throw err(rt, 'TypeError', `${name} expected ${what}${want} argument${want === 1 ? '' : 's'}, got ${n}`);
  };
  const def = (name: string, fn: (args: PyObject[], kw: string[] | null) => PyObject): void => proc.defFn(m, name, fn);

  /** math_1: a one-argument double function with mathmodule.c's errno rules. */
  const unary = (name: string, f: (x: number) => number, canOverflow: boolean): void => {
    def(name, (args) => {
      const x = num(exactlyOne(name, args));
      const r = f(x);
      if (Number.isNaN(r) && !Number.isNaN(x)) throw domain();
      if (!Number.isFinite(r) && Number.isFinite(x) && !Number.isNaN(r)) throw canOverflow ? range() : domain();
      return rt.float(r);
    });
  };
  unary('sqrt', Math.sqrt, false);
  unary('exp', crExp, true);
  unary('exp2', (x) => crPow(2, x), true);
  unary('expm1', Math.expm1, true);
  unary('log1p', (x) => (x === -1 ? NaN : Math.log1p(x)), false);
  unary('fabs', Math.abs, false);
  unary('sin', crSin, false);
  unary('cos', crCos, false);
  unary('tan', crTan, false);
  unary('asin', crAsin, false);
  unary('acos', crAcos, false);
  unary('atan', crAtan, false);
  unary('sinh', Math.sinh, true);
  unary('cosh', Math.cosh, true);
  unary('tanh', Math.tanh, false);
  unary('asinh', Math.asinh, false);
  unary('acosh', Math.acosh, false);
  unary('atanh', (x) => (Math.abs(x) === 1 ? NaN : Math.atanh(x)), false);
  unary('cbrt', Math.cbrt, false);
  def('degrees', (args) => rt.float(num(exactlyOne('degrees', args)) * RAD_TO_DEG));
  def('radians', (args) => rt.float(num(exactlyOne('radians', args)) * DEG_TO_RAD));

  /** loghelper: ints of any size are fine (frexp-style), non-positive arguments are a domain error. */
  const logOf = (o: PyObject, f: (x: number) => number): number => {
    if (o instanceof PyInt) {
      const v = o.value;
      if (v <= 0n) throw domain();
      const bits = bigBitLength(v);
      if (bits <= 1023) return f(Number(v));
      // v = x * 2**e with x in [0.5, 1): f(x) + f(2) * e, as CPython does past the double range.
      const e = bits;
      const x = ratioToDouble(v, 1n << BigInt(e), 0);
      return f(x) + f(2) * e;
    }
    const x = num(o);
    if (Number.isNaN(x)) return x;
    if (x <= 0) throw domain();
    if (x === Infinity) return x;
    return f(x);
  };
  def('log', (args, kw) => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', 'log() takes no keyword arguments');
    if (args.length < 1 || args.length > 2) throw err(rt, 'TypeError', 'math.log requires 1 to 2 arguments');
    const num1 = logOf(args[0]!, crLog);
    if (args.length === 1) return rt.float(num1);
    const den = logOf(args[1]!, crLog);
    if (den === 0) throw err(rt, 'ZeroDivisionError', 'float division by zero');
    return rt.float(num1 / den);
  });
  def('log2', (args) => rt.float(logOf(exactlyOne('log2', args), crLog2)));
  def('log10', (args) => rt.float(logOf(exactlyOne('log10', args), crLog10)));

  def('pow', (args, kw) => {
    positional('pow', args, kw, 2, 2);
    const x = num(args[0]!);
    const y = num(args[1]!);
    return rt.float(mathPow(x, y, domain, range));
  });
  def('atan2', (args, kw) => {
    positional('atan2', args, kw, 2, 2);
    return rt.float(crAtan2(num(args[0]!), num(args[1]!)));
  });
  def('copysign', (args, kw) => {
    positional('copysign', args, kw, 2, 2);
    const x = Math.abs(num(args[0]!));
    const y = num(args[1]!);
    return rt.float(y < 0 || Object.is(y, -0) || (Number.isNaN(y) && signBit(y)) ? -x : x);
  });
  def('fmod', (args, kw) => {
    positional('fmod', args, kw, 2, 2);
    const x = num(args[0]!);
    const y = num(args[1]!);
    if (!Number.isFinite(y) && !Number.isNaN(y) && Number.isFinite(x)) return rt.float(x);
    const r = x % y;
    if (Number.isNaN(r) && !Number.isNaN(x) && !Number.isNaN(y)) throw domain();
    return rt.float(r);
  });
  def('remainder', (args, kw) => {
    positional('remainder', args, kw, 2, 2);
    const x = num(args[0]!);
    const y = num(args[1]!);
    if (Number.isNaN(x) || Number.isNaN(y)) return rt.float(NaN);
    if (!Number.isFinite(x) || y === 0) throw domain();
    if (!Number.isFinite(y)) return rt.float(x);
    return rt.float(ieeeRemainder(x, y));
  });
  def('ldexp', (args, kw) => {
    positional('ldexp', args, kw, 2, 2);
    const x = num(args[0]!);
    if (!(args[1] instanceof PyInt)) throw err(rt, 'TypeError', 'Expected an int as second argument to ldexp.');
    const e = args[1].value;
    if (x === 0 || !Number.isFinite(x)) return rt.float(x);
    const r = e > 4000n ? x * Infinity : e < -4000n ? x * 0 : ldexpFull(x, Number(e));
    if (!Number.isFinite(r)) throw range();
    return rt.float(r);
  });
  def('frexp', (args) => {
    const x = num(exactlyOne('frexp', args));
    if (x === 0 || !Number.isFinite(x)) return rt.tuple([rt.float(x), rt.int(0)]);
    const { mant, exp } = decompose(Math.abs(x));
    const bits = bigBitLength(mant);
    const e = exp + bits;
    const f = ratioToDouble(mant, 1n << BigInt(bits), 0);
    return rt.tuple([rt.float(x < 0 ? -f : f), rt.int(e)]);
  });
  def('modf', (args) => {
    const x = num(exactlyOne('modf', args));
    if (!Number.isFinite(x)) {
      if (Number.isNaN(x)) return rt.tuple([rt.float(x), rt.float(x)]);
      return rt.tuple([rt.float(x < 0 ? -0 : 0), rt.float(x)]);
    }
    const i = Math.trunc(x);
    const f = x - i;
    return rt.tuple([rt.float(f === 0 && x < 0 ? -0 : f), rt.float(i)]);
  });

  /** floor/ceil: __floor__/__ceil__ when the type has one, ints as themselves, else via float. */
  const rounding = (name: string, f: (x: number) => number): void => {
    def(name, (args) => {
      const o = exactlyOne(name, args);
      if (o instanceof PyFloat) return rt.int(lift(() => floatToInt(f(o.value))));
      if (o instanceof PyInt) return o.type === rt.t.int ? rt.tempIncref(o) : rt.int(o.value);
      const dunder = lookup(o.type, `__${name}__`);
      if (dunder !== null) return callBound(rt, dunder, o, []);
      return rt.int(lift(() => floatToInt(f(num(o)))));
    });
  };
  rounding('floor', Math.floor);
  rounding('ceil', Math.ceil);
  def('trunc', (args) => {
    const o = exactlyOne('trunc', args);
    if (o instanceof PyFloat) return rt.int(lift(() => floatToInt(o.value)));
    if (o instanceof PyInt) return o.type === rt.t.int ? rt.tempIncref(o) : rt.int(o.value);
    const dunder = lookup(o.type, '__trunc__');
    if (dunder === null) throw err(rt, 'TypeError', `type ${typeName(o)} doesn't define __trunc__ method`);
    return callBound(rt, dunder, o, []);
  });

  const isX = (name: string, f: (x: number) => boolean): void => def(name, (args) => rt.bool(f(num(exactlyOne(name, args)))));
  isX('isfinite', Number.isFinite);
  isX('isnan', Number.isNaN);
  isX('isinf', (x) => x === Infinity || x === -Infinity);

  def('isclose', (args, kw) => {
    const [a, b, relTol, absTol] = parseArgs(rt, 'isclose', args, kw, ['a', 'b', 'rel_tol', 'abs_tol'], 2);
    const npos = args.length - (kw?.length ?? 0);
    if (npos > 2) throw err(rt, 'TypeError', `isclose() takes exactly 2 positional arguments (${npos} given)`);
    const x = num(a!);
    const y = num(b!);
    const rel = relTol === null ? 1e-9 : num(relTol);
    const abs = absTol === null ? 0 : num(absTol);
    if (rel < 0 || abs < 0) throw err(rt, 'ValueError', 'tolerances must be non-negative');
    if (x === y) return rt.bool(true);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return rt.bool(false);
    const diff = Math.abs(y - x);
    return rt.bool(diff <= Math.abs(rel * y) || diff <= Math.abs(rel * x) || diff <= abs);
  });

  // --- integers -------------------------------------------------------------------------------
  const int = (o: PyObject): bigint => asInt(rt, o);
  const gcd2 = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
  };
  def('gcd', (args, kw) => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', 'gcd() takes no keyword arguments');
    let g = 0n;
    for (const a of args) g = gcd2(g, int(a));
    return rt.int(g);
  });
  def('lcm', (args, kw) => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', 'lcm() takes no keyword arguments');
    let l = 1n;
    for (const a of args) {
      const v = int(a);
      if (l === 0n || v === 0n) {
        l = 0n;
        continue;
      }
      const av = v < 0n ? -v : v;
      l = (l / gcd2(l, av)) * av;
    }
    return rt.int(l);
  });
  def('isqrt', (args) => {
    const n = int(exactlyOne('isqrt', args));
    if (n < 0n) throw err(rt, 'ValueError', 'isqrt() argument must be nonnegative');
    return rt.int(bigIsqrt(n));
  });
  const factorial = (n: bigint): bigint => {
    let r = 1n;
    for (let i = 2n; i <= n; i++) r *= i;
    return r;
  };
  def('factorial', (args) => {
    const o = exactlyOne('factorial', args);
    const n = int(o);
    if (n < 0n) throw err(rt, 'ValueError', 'factorial() not defined for negative values');
    return rt.int(factorial(n));
  });
  def('comb', (args, kw) => {
    positional('comb', args, kw, 2, 2);
    const n = int(args[0]!);
    const k = int(args[1]!);
    if (n < 0n) throw err(rt, 'ValueError', 'n must be a non-negative integer');
    if (k < 0n) throw err(rt, 'ValueError', 'k must be a non-negative integer');
    if (k > n) return rt.int(0);
    const kk = k > n - k ? n - k : k;
    let r = 1n;
    for (let i = 1n; i <= kk; i++) r = (r * (n - kk + i)) / i;
    return rt.int(r);
  });
  def('perm', (args, kw) => {
    positional('perm', args, kw, 1, 2);
    const n = int(args[0]!);
    const kArg = args[1];
    if (kArg === undefined || kArg === rt.None) {
      if (n < 0n) throw err(rt, 'ValueError', 'n must be a non-negative integer');
      return rt.int(factorial(n));
    }
    const k = int(kArg);
    if (n < 0n) throw err(rt, 'ValueError', 'n must be a non-negative integer');
    if (k < 0n) throw err(rt, 'ValueError', 'k must be a non-negative integer');
    if (k > n) return rt.int(0);
    let r = 1n;
    for (let i = n - k + 1n; i <= n; i++) r *= i;
    return rt.int(r);
  });

  // --- sequences ------------------------------------------------------------------------------
  /** Each item of an iterable, as doubles (PyFloat_AsDouble), consumed to the end. */
  const doubles = (o: PyObject): number[] => {
    const it = iter(rt, o);
    const out: number[] = [];
    try {
      for (let x = next(rt, it); x !== null; x = next(rt, it)) {
        try {
          out.push(num(x));
        } finally {
          rt.tempDecref(x);
        }
      }
    } finally {
      rt.tempDecref(it);
    }
    return out;
  };
  def('fsum', (args) => {
    const xs = doubles(exactlyOne('fsum', args));
    let special = 0;
    let infSum = 0;
    const finite: number[] = [];
    for (const x of xs) {
      if (Number.isFinite(x)) finite.push(x);
      else {
        if (!Number.isNaN(x)) infSum += x;
        special += x;
      }
    }
    if (special !== 0 || Number.isNaN(special)) {
      if (Number.isNaN(infSum)) throw err(rt, 'ValueError', '-inf + inf in fsum');
      return rt.float(special);
    }
    const r = exactSum(finite);
    if (!Number.isFinite(r)) throw err(rt, 'OverflowError', 'intermediate overflow in fsum');
    return rt.float(r);
  });
  const norm = (xs: number[]): number => {
    let nan = false;
    for (const x of xs) {
      if (x === Infinity || x === -Infinity) return Infinity;
      if (Number.isNaN(x)) nan = true;
    }
    return nan ? NaN : exactNorm(xs);
  };
  def('hypot', (args, kw) => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', 'hypot() takes no keyword arguments');
    return rt.float(norm(args.map(num)));
  });
  def('dist', (args, kw) => {
    positional('dist', args, kw, 2, 2);
    const seq = (o: PyObject, which: string): number[] => {
      if (o instanceof PyTuple || o instanceof PyList) return o.items.map(num);
      throw err(rt, 'TypeError', `dist() argument ${which} must be tuple, not ${typeName(o)}`);
    };
    const p = seq(args[0]!, '1');
    const q = seq(args[1]!, '2');
    if (p.length !== q.length) throw err(rt, 'ValueError', 'both points must have the same number of dimensions');
    return rt.float(norm(p.map((x, i) => Math.abs(x - q[i]!))));
  });
  def('prod', (args, kw) => {
    const [iterable, startArg] = parseArgs(rt, 'prod', args, kw, ['iterable', 'start'], 1);
    const npos = args.length - (kw?.length ?? 0);
    if (npos > 1) throw err(rt, 'TypeError', `prod() takes exactly 1 positional argument (${npos} given)`);
    let acc: PyObject = startArg === null ? rt.int(1) : rt.tempIncref(startArg);
    const it = iter(rt, iterable!);
    try {
      for (let x = next(rt, it); x !== null; x = next(rt, it)) {
        try {
          const r = binaryOp(rt, acc, x, NB_MULTIPLY);
          rt.tempDecref(acc);
          acc = r;
        } finally {
          rt.tempDecref(x);
        }
      }
    } catch (e) {
      rt.tempDecref(acc);
      throw e;
    } finally {
      rt.tempDecref(it);
    }
    return acc;
  });
  def('ulp', (args) => {
    const x = Math.abs(num(exactlyOne('ulp', args)));
    if (!Number.isFinite(x)) return rt.float(x);
    const up = nextUp(x);
    if (up === Infinity) return rt.float(x - nextDown(x));
    return rt.float(up - x);
  });
  def('nextafter', (args, kw) => {
    positional('nextafter', args, kw, 2, 2);
    const x = num(args[0]!);
    const y = num(args[1]!);
    if (Number.isNaN(x) || Number.isNaN(y)) return rt.float(NaN);
    if (x === y) return rt.float(y);
    return rt.float(y > x ? nextUp(x) : nextDown(x));
  });

  proc.setAttr(m, 'pi', rt.float(Math.PI));
  proc.setAttr(m, 'e', rt.float(Math.E));
  proc.setAttr(m, 'tau', rt.float(2 * Math.PI));
  proc.setAttr(m, 'inf', rt.float(Infinity));
  proc.setAttr(m, 'nan', rt.float(NaN));
  return m;
}

/** math.pow: C99 pow's special cases, ValueError for a domain error, OverflowError for range. */
function mathPow(x: number, y: number, domain: () => unknown, range: () => unknown): number {
  if (y === 0 || x === 1) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (!Number.isFinite(y)) {
    const ax = Math.abs(x);
    if (ax === 1) return 1;
    return (ax > 1) === (y > 0) ? Infinity : 0;
  }
  if (!Number.isFinite(x)) {
    const odd = isOddInteger(y);
    if (x > 0) return y > 0 ? Infinity : 0;
    if (y > 0) return odd ? -Infinity : Infinity;
    return odd ? -0 : 0;
  }
  if (x === 0) {
    if (y < 0) throw domain();
    return isOddInteger(y) ? x : 0;
  }
  if (x < 0 && !Number.isInteger(y)) throw domain();
  const r = crPow(Math.abs(x), y);
  if (!Number.isFinite(r)) throw range();
  return x < 0 && isOddInteger(y) ? -r : r;
}

const bits = new DataView(new ArrayBuffer(8));
function signBit(x: number): boolean {
  bits.setFloat64(0, x);
  return (bits.getUint8(0) & 0x80) !== 0;
}
function nextUp(x: number): number {
  if (x === 0) return 5e-324;
  bits.setFloat64(0, x);
  let v = bits.getBigUint64(0);
  v = x > 0 ? v + 1n : v - 1n;
  bits.setBigUint64(0, v);
  return bits.getFloat64(0);
}
function nextDown(x: number): number {
  return -nextUp(-x);
}

/** x * 2**e for any int e (ldexp of values/ieee.ts rounds subnormals exactly). */
function ldexpFull(x: number, e: number): number {
  const { mant, exp } = decompose(Math.abs(x));
  const r = ratioToDouble(mant, 1n, exp + e);
  return x < 0 ? -r : r;
}
void ldexp;

/** IEEE 754 remainder: x - n*y with n the integer nearest x/y (ties to even), computed exactly. */
function ieeeRemainder(x: number, y: number): number {
  const a = decompose(Math.abs(x));
  const b = decompose(Math.abs(y));
  const e = Math.min(a.exp, b.exp);
  const X = a.mant << BigInt(a.exp - e);
  const Y = b.mant << BigInt(b.exp - e);
  let n = X / Y;
  const r = X - n * Y;
  if (2n * r > Y || (2n * r === Y && (n & 1n) === 1n)) n += 1n;
  const rem = X - n * Y; // |rem| <= Y/2, exact in doubles
  const neg = rem < 0n;
  const v = ratioToDouble(neg ? -rem : rem, 1n, e);
  const signed = neg ? -v : v;
  const out = x < 0 ? -signed : signed;
  return out === 0 ? (x < 0 ? -0 : 0) : out;
}
