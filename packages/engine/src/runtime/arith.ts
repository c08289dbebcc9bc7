// Binary and unary operators (Objects/abstract.c binary_op1, with reflected methods and
// NotImplemented), over the builtin numeric and sequence types.
import {
  PyObject, PyInt, PyBool, PyFloat, PyStr, PyList, PyTuple, PyBytes, PySet, PyDict, PyMethodDescr, PyComplex,
} from './object.js';
import type { Runtime } from './runtime.js';
import { err } from './errors.js';
import { lookup, isSubtype, callBound, typeName, hashKey, truthy, repr } from './ops.js';
import { setDifference, setIntersection, setSymmetricDifference, setUnion } from './sets.js';
import { ComplexResult, floatMod, floatFloorDiv, floatPow, floatTrueDiv } from '../values/float.js';
import { cPow, cProd, cQuot, type Complex } from '../values/complex.js';
import { PyValueError } from '../values/errors.js';

export const NB_ADD = 0, NB_AND = 1, NB_FLOOR_DIVIDE = 2, NB_LSHIFT = 3, NB_MATRIX_MULTIPLY = 4, NB_MULTIPLY = 5,
  NB_REMAINDER = 6, NB_OR = 7, NB_POWER = 8, NB_RSHIFT = 9, NB_SUBTRACT = 10, NB_TRUE_DIVIDE = 11, NB_XOR = 12;

export const NAMES = ['add', 'and', 'floordiv', 'lshift', 'matmul', 'mul', 'mod', 'or', 'pow', 'rshift', 'sub', 'truediv', 'xor'];
export const SYMBOLS = ['+', '&', '//', '<<', '@', '*', '%', '|', '**', '>>', '-', '/', '^'];

function wrapValueError(rt: Runtime, e: unknown): never {
  if (e instanceof PyValueError) throw err(rt, e.pyType, e.message);
  throw e;
}

function intFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function intMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

function toFloat(rt: Runtime, v: bigint): number {
  const f = Number(v);
  if (!Number.isFinite(f)) throw err(rt, 'OverflowError', 'int too large to convert to float');
  return f;
}

/**
 * int op int on two values that fit in a JS number (PyInt.num), when the exact result does too;
 * NaN sends the caller to the bigint path (a bigger result, a zero divisor, other operators).
 */
function smallIntBinary(x: number, y: number, op: number): number {
  switch (op) {
    case NB_ADD: {
      const r = x + y;
      return Number.isSafeInteger(r) ? r : NaN;
    }
    case NB_SUBTRACT: {
      const r = x - y;
      return Number.isSafeInteger(r) ? r : NaN;
    }
    case NB_MULTIPLY: {
      const r = x * y;
      // A product past 2^53 rounds to 2^53 or more, so a safe result is the exact one.
      return Number.isSafeInteger(r) ? r + 0 : NaN;
    }
    case NB_REMAINDER:
    case NB_FLOOR_DIVIDE: {
      if (y === 0 || x !== x || y !== y) return NaN;
      // Python's modulo takes the divisor's sign; the floor quotient is then exact division.
      let m = x % y;
      if (m !== 0 && m < 0 !== y < 0) m += y;
      if (op === NB_REMAINDER) return m + 0;
      const d = x - m;
      return Number.isSafeInteger(d) ? d / y + 0 : NaN;
    }
  }
  return NaN;
}

/** Builtin implementation; null = NotImplemented. */
export function builtinBinary(rt: Runtime, a: PyObject, b: PyObject, op: number): PyObject | null {
  if (a instanceof PyInt && b instanceof PyInt) {
    const r = smallIntBinary(a.num, b.num, op);
    if (r === r) return rt.int(r);
    const x = a.value;
    const y = b.value;
    switch (op) {
      case NB_ADD: return rt.int(x + y);
      case NB_SUBTRACT: return rt.int(x - y);
      case NB_MULTIPLY: return rt.int(x * y);
      case NB_FLOOR_DIVIDE:
        if (y === 0n) throw err(rt, 'ZeroDivisionError', 'integer division or modulo by zero');
        return rt.int(intFloorDiv(x, y));
      case NB_REMAINDER:
        if (y === 0n) throw err(rt, 'ZeroDivisionError', 'integer modulo by zero');
        return rt.int(intMod(x, y));
      case NB_TRUE_DIVIDE:
        if (y === 0n) throw err(rt, 'ZeroDivisionError', 'division by zero');
        return rt.float(intTrueDiv(rt, x, y));
      case NB_POWER:
        if (y < 0n) {
          if (x === 0n) throw err(rt, 'ZeroDivisionError', '0.0 cannot be raised to a negative power');
          return rt.float(floatPow(toFloat(rt, x), toFloat(rt, y)));
        }
        return rt.int(x ** y);
      case NB_LSHIFT:
        if (y < 0n) throw err(rt, 'ValueError', 'negative shift count');
        return rt.int(x << y);
      case NB_RSHIFT:
        if (y < 0n) throw err(rt, 'ValueError', 'negative shift count');
        return rt.int(x >> y);
      case NB_AND: return a instanceof PyBool && b instanceof PyBool ? rt.bool((x & y) !== 0n) : rt.int(x & y);
      case NB_OR: return a instanceof PyBool && b instanceof PyBool ? rt.bool((x | y) !== 0n) : rt.int(x | y);
      case NB_XOR: return a instanceof PyBool && b instanceof PyBool ? rt.bool((x ^ y) !== 0n) : rt.int(x ^ y);
    }
    return null;
  }
  if ((a instanceof PyFloat || a instanceof PyInt) && (b instanceof PyFloat || b instanceof PyInt)) {
    const x = a instanceof PyFloat ? a.value : toFloat(rt, a.value);
    const y = b instanceof PyFloat ? b.value : toFloat(rt, b.value);
    try {
      switch (op) {
        case NB_ADD: return rt.float(x + y);
        case NB_SUBTRACT: return rt.float(x - y);
        case NB_MULTIPLY: return rt.float(x * y);
        case NB_TRUE_DIVIDE: return rt.float(floatTrueDiv(x, y));
        case NB_FLOOR_DIVIDE: return rt.float(floatFloorDiv(x, y));
        case NB_REMAINDER: return rt.float(floatMod(x, y));
        case NB_POWER: return rt.float(floatPow(x, y));
      }
    } catch (e) {
      // float_pow: a negative base to a non-integral power is complex_pow's.
      if (e instanceof ComplexResult) return complexBinary(rt, [x, 0], [y, 0], op);
      wrapValueError(rt, e);
    }
    return null;
  }
  if (a instanceof PyStr && b instanceof PyStr && op === NB_ADD) return rt.newStr(a.value + b.value);
  if (a instanceof PyStr && op === NB_REMAINDER) return rt.newStr(rt.percentFormat(a.value, b));
  if (op === NB_MULTIPLY) {
    if ((a instanceof PyStr || a instanceof PyList || a instanceof PyTuple || a instanceof PyBytes) && b instanceof PyInt) return repeat(rt, a, b.value);
    if ((b instanceof PyStr || b instanceof PyList || b instanceof PyTuple || b instanceof PyBytes) && a instanceof PyInt) return repeat(rt, b, a.value);
  }
  if (op === NB_ADD) {
    if (a instanceof PyList && b instanceof PyList) {
      for (const x of a.items) rt.tempIncref(x);
      for (const x of b.items) rt.tempIncref(x);
      return rt.newList([...a.items, ...b.items]);
    }
    if (a instanceof PyTuple && b instanceof PyTuple) {
      if (b.items.length === 0) return rt.tempIncref(a);
      if (a.items.length === 0) return rt.tempIncref(b);
      const t = rt.tuple([...a.items, ...b.items], false);
      return t;
    }
    if (a instanceof PyBytes && b instanceof PyBytes) {
      const v = new Uint8Array(a.value.length + b.value.length);
      v.set(a.value);
      v.set(b.value, a.value.length);
      return rt.newBytes(v);
    }
  }
  if (isView(rt, a) || isView(rt, b)) {
    if ((op === NB_AND || op === NB_OR || op === NB_SUBTRACT || op === NB_XOR) && (isView(rt, a) || a instanceof PySet) && (isView(rt, b) || b instanceof PySet || b instanceof PyList || b instanceof PyTuple)) {
      const sa = rt.newSetFrom(rt.toArrayOf(a), false);
      const sb = rt.newSetFrom(rt.toArrayOf(b), false);
      for (const x of [...(sa as PySet).keys.values()]) rt.tempDecref(x);
      for (const x of [...(sb as PySet).keys.values()]) rt.tempDecref(x);
      try {
        return builtinBinary(rt, sa, sb, op);
      } finally {
        rt.tempDecref(sa);
        rt.tempDecref(sb);
      }
    }
  }
  if (a instanceof PySet && b instanceof PySet) {
    switch (op) {
      case NB_OR: return setUnion(rt, a, [b]);
      case NB_AND: return setIntersection(rt, a, b);
      case NB_SUBTRACT: return setDifference(rt, a, b);
      case NB_XOR: return setSymmetricDifference(rt, a, b);
      default: return null;
    }
  }
  if (a instanceof PyDict && b instanceof PyDict && op === NB_OR) {
    const d = rt.dictCopy(a);
    rt.dictUpdate(d, b);
    return d;
  }
  if (a instanceof PyComplex || b instanceof PyComplex) {
    const x = complexParts(rt, a);
    const y = complexParts(rt, b);
    return x === null || y === null ? null : complexBinary(rt, x, y, op);
  }
  return null;
}

/** An operand of complex arithmetic as (real, imag), or null when it is not a number. */
function complexParts(rt: Runtime, o: PyObject): Complex | null {
  if (o instanceof PyComplex) return [o.real, o.imag];
  if (o instanceof PyFloat) return [o.value, 0];
  if (o instanceof PyInt) return [toFloat(rt, o.value), 0];
  return null;
}

/** complexobject.c's +, -, *, / and ** (the others are not defined for complex: NotImplemented). */
function complexBinary(rt: Runtime, a: Complex, b: Complex, op: number): PyObject | null {
  let r: Complex | null;
  switch (op) {
    case NB_ADD: r = [a[0] + b[0], a[1] + b[1]]; break;
    case NB_SUBTRACT: r = [a[0] - b[0], a[1] - b[1]]; break;
    case NB_MULTIPLY: r = cProd(a, b); break;
    case NB_TRUE_DIVIDE:
      r = cQuot(a, b);
      if (r === null) throw err(rt, 'ZeroDivisionError', 'complex division by zero');
      break;
    case NB_POWER:
      r = cPow(a, b);
      if (r === null) throw err(rt, 'ZeroDivisionError', '0.0 to a negative or complex power');
      if (!Number.isFinite(r[0]) || !Number.isFinite(r[1])) throw err(rt, 'OverflowError', 'complex exponentiation');
      break;
    default: return null;
  }
  return rt.alloc(new PyComplex(r[0], r[1]), rt.t.complex!, 32, false);
}

function intTrueDiv(rt: Runtime, x: bigint, y: bigint): number {
  const fx = Number(x);
  const fy = Number(y);
  if (Number.isFinite(fx) && Number.isFinite(fy) && Math.abs(fx) < 2 ** 53 && Math.abs(fy) < 2 ** 53) return fx / fy;
  // Exact division of big ints: scale to keep 64 bits of quotient.
  const neg = (x < 0n) !== (y < 0n);
  let a = x < 0n ? -x : x;
  const b = y < 0n ? -y : y;
  let shift = 0;
  const bits = (v: bigint): number => v.toString(2).length;
  const d = bits(a) - bits(b);
  if (d < 64) {
    a <<= BigInt(64 - d);
    shift = -(64 - d);
  } else {
    shift = 0;
  }
  const q = Number(a / b) * 2 ** shift;
  if (!Number.isFinite(q)) throw err(rt, 'OverflowError', 'integer division result too large for a float');
  return neg ? -q : q;
}

function repeat(rt: Runtime, seq: PyObject, n: bigint): PyObject {
  const k = n < 0n ? 0 : Number(n);
  if (seq instanceof PyStr) return rt.newStr(seq.value.repeat(k));
  if (seq instanceof PyBytes) {
    const v = new Uint8Array(seq.value.length * k);
    for (let i = 0; i < k; i++) v.set(seq.value, i * seq.value.length);
    return rt.newBytes(v);
  }
  const src = (seq as PyList).items;
  const items: PyObject[] = [];
  for (let i = 0; i < k; i++) for (const x of src) items.push(x);
  if (seq instanceof PyTuple) {
    if (k === 1 && seq.type === rt.tupleType) return rt.tempIncref(seq);
    return rt.tuple(items, false);
  }
  for (const x of items) rt.tempIncref(x);
  return rt.newList(items);
}

/** binary_op1: a.__op__(b), then b.__rop__(a), subclass first. New reference. */
export function binaryOp(rt: Runtime, a: PyObject, b: PyObject, op: number, inplace = false): PyObject {
  if (inplace) {
    const r = inplaceOp(rt, a, b, op);
    if (r !== null) return r;
  }
  const name = NAMES[op]!;
  const ta = a.type;
  const tb = b.type;
  const userA = ta.heap ? lookup(ta, `__${name}__`) : null;
  const userB = tb !== ta && tb.heap ? lookup(tb, `__r${name}__`) : null;
  if (userB !== null && isSubtype(tb, ta)) {
    const r = callBound(rt, userB, b, [a]);
    if (r !== rt.NotImplemented) return r;
    rt.tempDecref(r);
  }
  if (userA !== null && !(userA instanceof PyMethodDescr)) {
    const r = callBound(rt, userA, a, [b]);
    if (r !== rt.NotImplemented) return r;
    rt.tempDecref(r);
  }
  const r = builtinBinary(rt, a, b, op);
  if (r !== null) return r;
  // Native types of the builtin modules (array.array * n) through their method descriptors.
  const native = nativeBinary(rt, a, b, name);
  if (native !== null) return native;
  if (userB !== null && !isSubtype(tb, ta) && !(userB instanceof PyMethodDescr)) {
    const r2 = callBound(rt, userB, b, [a]);
    if (r2 !== rt.NotImplemented) return r2;
    rt.tempDecref(r2);
  }
  const sym = SYMBOLS[op]! + (inplace ? '=' : '');
  if (op === NB_POWER && !inplace) throw err(rt, 'TypeError', `unsupported operand type(s) for ** or pow(): '${typeName(a)}' and '${typeName(b)}'`);
  if (op === NB_ADD && a instanceof PyStr) throw err(rt, 'TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
  if (op === NB_ADD && a instanceof PyList) throw err(rt, 'TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
  if (op === NB_ADD && a instanceof PyTuple) throw err(rt, 'TypeError', `can only concatenate tuple (not "${typeName(b)}") to tuple`);
  if (op === NB_MULTIPLY && (a instanceof PyStr || a instanceof PyList || a instanceof PyTuple)) throw err(rt, 'TypeError', `can't multiply sequence by non-int of type '${typeName(b)}'`);
  throw err(rt, 'TypeError', `unsupported operand type(s) for ${sym}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** nb_<name> of a native type, then the reflected one of the right operand's: null if neither answers. */
function nativeBinary(rt: Runtime, a: PyObject, b: PyObject, name: string): PyObject | null {
  return nativeSlot(rt, a, b, `__${name}__`) ?? nativeSlot(rt, b, a, `__r${name}__`);
}

function nativeSlot(rt: Runtime, self: PyObject, other: PyObject, dunder: string): PyObject | null {
  if (self.type.kind !== 'NativeObject') return null;
  const f = lookup(self.type, dunder);
  if (!(f instanceof PyMethodDescr)) return null;
  const r = f.fn([other], null, self);
  if (r !== rt.NotImplemented) return r;
  rt.tempDecref(r);
  return null;
}

function inplaceOp(rt: Runtime, a: PyObject, b: PyObject, op: number): PyObject | null {
  if (a.type.heap) {
    const f = lookup(a.type, `__i${NAMES[op]}__`);
    if (f !== null && !(f instanceof PyMethodDescr)) {
      const r = callBound(rt, f, a, [b]);
      if (r !== rt.NotImplemented) return r;
      rt.tempDecref(r);
    }
  }
  if (a.type.kind === 'NativeObject') {
    // Native types of the builtin modules (deque += iterable) through their method descriptors.
    const f = lookup(a.type, `__i${NAMES[op]}__`);
    if (f instanceof PyMethodDescr) {
      const r = f.fn([b], null, a);
      if (r !== rt.NotImplemented) return r;
      rt.tempDecref(r);
    }
  }
  if (a instanceof PyList && op === NB_ADD) {
    rt.listExtend(a, b);
    return rt.tempIncref(a);
  }
  if (a instanceof PyList && op === NB_MULTIPLY && b instanceof PyInt) {
    rt.listInplaceRepeat(a, Number(b.value));
    return rt.tempIncref(a);
  }
  if (a instanceof PySet && !a.frozen && (op === NB_OR || op === NB_AND || op === NB_SUBTRACT || op === NB_XOR) && b instanceof PySet) {
    rt.setInplace(a, b, op);
    return rt.tempIncref(a);
  }
  if (a instanceof PyDict && op === NB_OR) {
    rt.dictUpdate(a, b);
    return rt.tempIncref(a);
  }
  return null;
}

export function unaryOp(rt: Runtime, a: PyObject, kind: 'neg' | 'pos' | 'invert'): PyObject {
  if (a.type.heap) {
    const f = lookup(a.type, `__${kind}__`);
    if (f !== null && !(f instanceof PyMethodDescr)) return callBound(rt, f, a, []);
  }
  if (a instanceof PyInt) {
    if (kind === 'neg') return rt.int(-a.value);
    if (kind === 'pos') return rt.int(a.value);
    return rt.int(~a.value);
  }
  if (a instanceof PyFloat) {
    if (kind === 'neg') return rt.float(-a.value);
    if (kind === 'pos') return rt.float(a.value);
  }
  if (a instanceof PyComplex) {
    if (kind === 'neg') return rt.alloc(new PyComplex(-a.real, -a.imag), rt.t.complex!, 32, false);
    // complex_pos: an exact complex is its own +.
    if (kind === 'pos') return a.type === rt.t.complex ? rt.tempIncref(a) : rt.alloc(new PyComplex(a.real, a.imag), rt.t.complex!, 32, false);
  }
  const sym = kind === 'neg' ? '-' : kind === 'pos' ? '+' : '~';
  throw err(rt, 'TypeError', `bad operand type for unary ${sym}: '${typeName(a)}'`);
}

export { hashKey, truthy, repr };

function isView(rt: Runtime, o: PyObject): boolean {
  return o.type === rt.t.dict_keys || o.type === rt.t.dict_items;
}
