// AST-level constant folding, as Python/ast_opt.c does it before code generation.
//
// Folds unary and binary operators on constants (with CPython's size guards, so `'a' * 4097` and
// `2 ** 129` stay unfolded), tuples of constants, subscripts of constants, `not` over a single
// is/in comparison, literal lists and sets used as `for` / `in` iterables (to tuples and
// frozensets), and `__debug__`. The input tree is not modified: changed nodes are copies.
import { cPow, cProd, cQuot, type Complex } from '../values/complex.js';
import { floatPow } from '../values/float.js';
import type * as A from '../python/ast.js';
import type { ConstValue } from '../python/ast.js';

const MAX_INT_SIZE = 128;
const MAX_COLLECTION_SIZE = 256;
const MAX_STR_SIZE = 4096;

type Folded = ConstValue | null;

export function foldModule(mod: A.Module): A.Module {
  return upd(mod, { body: stmts(mod.body) });
}

/** Maps a list, returning the same array when no element changed (most of a tree is unchanged). */
function mapSame<T>(list: T[], f: (x: T) => T): T[] {
  let out: T[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    const y = f(x);
    if (y !== x && out === null) out = list.slice(0, i);
    if (out !== null) out.push(y);
  }
  return out ?? list;
}

/** Returns `node` itself when every field in `fields` is unchanged, else a copy with them set. */
function upd<T extends object>(node: T, fields: Partial<T>): T {
  for (const k in fields) {
    if ((fields as any)[k] !== (node as any)[k]) return { ...node, ...fields };
  }
  return node;
}

function stmts(list: A.Stmt[]): A.Stmt[] {
  return mapSame(list, stmt);
}

function optExpr<T extends A.Expr | null>(e: T): T {
  return (e === null ? null : expr(e)) as T;
}

function args(a: A.Arguments): A.Arguments {
  const arg = (x: A.Arg): A.Arg => (x.annotation ? upd(x, { annotation: expr(x.annotation) }) : x);
  return upd(a, {
    posonlyargs: mapSame(a.posonlyargs, arg),
    args: mapSame(a.args, arg),
    vararg: a.vararg ? arg(a.vararg) : null,
    kwonlyargs: mapSame(a.kwonlyargs, arg),
    kw_defaults: mapSame(a.kw_defaults, (d) => optExpr(d)),
    kwarg: a.kwarg ? arg(a.kwarg) : null,
    defaults: mapSame(a.defaults, expr),
  });
}

function stmt(s: A.Stmt): A.Stmt {
  switch (s.type) {
    case 'FunctionDef':
    case 'AsyncFunctionDef':
      return upd(s, { args: args(s.args), body: stmts(s.body), decorator_list: mapSame(s.decorator_list, expr), returns: optExpr(s.returns) });
    case 'ClassDef':
      return upd(s, {
        bases: mapSame(s.bases, expr), keywords: mapSame(s.keywords, keyword),
        body: stmts(s.body), decorator_list: mapSame(s.decorator_list, expr),
      });
    case 'Return': return upd(s, { value: optExpr(s.value) });
    case 'Delete': return upd(s, { targets: mapSame(s.targets, expr) });
    case 'Assign': return upd(s, { targets: mapSame(s.targets, expr), value: expr(s.value) });
    case 'AugAssign': return upd(s, { target: expr(s.target), value: expr(s.value) });
    case 'AnnAssign': return upd(s, { target: expr(s.target), annotation: expr(s.annotation), value: optExpr(s.value) });
    case 'For':
    case 'AsyncFor':
      return upd(s, { target: expr(s.target), iter: foldIter(expr(s.iter)), body: stmts(s.body), orelse: stmts(s.orelse) });
    case 'While': return upd(s, { test: expr(s.test), body: stmts(s.body), orelse: stmts(s.orelse) });
    case 'If': return upd(s, { test: expr(s.test), body: stmts(s.body), orelse: stmts(s.orelse) });
    case 'With':
    case 'AsyncWith':
      return upd(s, {
        items: mapSame(s.items, (i) => upd(i, { context_expr: expr(i.context_expr), optional_vars: optExpr(i.optional_vars) })),
        body: stmts(s.body),
      });
    case 'Match': return s;
    case 'Raise': return upd(s, { exc: optExpr(s.exc), cause: optExpr(s.cause) });
    case 'Try':
    case 'TryStar':
      return upd(s, {
        body: stmts(s.body),
        handlers: mapSame(s.handlers, (h) => upd(h, { exc_type: optExpr(h.exc_type), body: stmts(h.body) })),
        orelse: stmts(s.orelse), finalbody: stmts(s.finalbody),
      });
    case 'Assert': return upd(s, { test: expr(s.test), msg: optExpr(s.msg) });
    case 'Expr': return upd(s, { value: expr(s.value) });
    default: return s;
  }
}

function keyword(k: A.Keyword): A.Keyword {
  return upd(k, { value: expr(k.value) });
}

function comps(gens: A.Comprehension[]): A.Comprehension[] {
  return mapSame(gens, (g) => upd(g, { target: expr(g.target), iter: foldIter(expr(g.iter)), ifs: mapSame(g.ifs, expr) }));
}

function constant(at: A.Pos, value: ConstValue): A.Constant {
  return { type: 'Constant', value, kind: null, lineno: at.lineno, col_offset: at.col_offset, end_lineno: at.end_lineno, end_col_offset: at.end_col_offset };
}

export function expr(e: A.Expr): A.Expr {
  switch (e.type) {
    case 'BoolOp': return upd(e, { values: mapSame(e.values, expr) });
    case 'NamedExpr': return upd(e, { value: expr(e.value) });
    case 'BinOp': {
      const n = upd(e, { left: expr(e.left), right: expr(e.right) });
      if (n.op === 'Mod' && n.left.type === 'Constant' && n.left.value.kind === 'str' && n.right.type === 'Tuple' &&
          !n.right.elts.some((x) => x.type === 'Starred')) {
        return optimizeFormat(n, n.left.value.value, n.right.elts);
      }
      if (n.left.type === 'Constant' && n.right.type === 'Constant') {
        const v = binop(n.op, n.left.value, n.right.value);
        if (v) return constant(n, v);
      }
      return n;
    }
    case 'UnaryOp': {
      const operand = expr(e.operand);
      if (operand.type === 'Constant') {
        const v = unaryop(e.op, operand.value);
        if (v) return constant(e, v);
        return upd(e, { operand });
      }
      if (e.op === 'Not' && operand.type === 'Compare' && operand.ops.length === 1) {
        const inv: Partial<Record<A.CmpOperator, A.CmpOperator>> = { Is: 'IsNot', IsNot: 'Is', In: 'NotIn', NotIn: 'In' };
        const op = inv[operand.ops[0]!];
        if (op) return { ...operand, ops: [op] };
      }
      return upd(e, { operand });
    }
    case 'Lambda': return upd(e, { args: args(e.args), body: expr(e.body) });
    case 'IfExp': return upd(e, { test: expr(e.test), body: expr(e.body), orelse: expr(e.orelse) });
    case 'Dict': return upd(e, { keys: mapSame(e.keys, (k) => optExpr(k)), values: mapSame(e.values, expr) });
    case 'Set': return upd(e, { elts: mapSame(e.elts, expr) });
    case 'ListComp': return upd(e, { elt: expr(e.elt), generators: comps(e.generators) });
    case 'SetComp': return upd(e, { elt: expr(e.elt), generators: comps(e.generators) });
    case 'GeneratorExp': return upd(e, { elt: expr(e.elt), generators: comps(e.generators) });
    case 'DictComp': return upd(e, { key: expr(e.key), value: expr(e.value), generators: comps(e.generators) });
    case 'Await': return upd(e, { value: expr(e.value) });
    case 'Yield': return upd(e, { value: optExpr(e.value) });
    case 'YieldFrom': return upd(e, { value: expr(e.value) });
    case 'Compare': {
      let comparators = mapSame(e.comparators, expr);
      const last = e.ops.length - 1;
      if (e.ops[last] === 'In' || e.ops[last] === 'NotIn') {
        const it = foldIter(comparators[last]!);
        if (it !== comparators[last]) {
          comparators = comparators.slice();
          comparators[last] = it;
        }
      }
      return upd(e, { left: expr(e.left), comparators });
    }
    case 'Call': return upd(e, { func: expr(e.func), args: mapSame(e.args, expr), keywords: mapSame(e.keywords, keyword) });
    case 'FormattedValue': return upd(e, { value: expr(e.value), format_spec: e.format_spec ? (expr(e.format_spec) as A.JoinedStr) : null });
    case 'JoinedStr': return upd(e, { values: mapSame(e.values, expr) });
    case 'Attribute': return upd(e, { value: expr(e.value) });
    case 'Subscript': {
      const n = upd(e, { value: expr(e.value), slice: expr(e.slice) });
      if (n.ctx === 'Load' && n.value.type === 'Constant' && n.slice.type === 'Constant') {
        const v = subscript(n.value.value, n.slice.value);
        if (v) return constant(n, v);
      }
      return n;
    }
    case 'Starred': return upd(e, { value: expr(e.value) });
    case 'Slice': return upd(e, { lower: optExpr(e.lower), upper: optExpr(e.upper), step: optExpr(e.step) });
    case 'List': return upd(e, { elts: mapSame(e.elts, expr) });
    case 'Tuple': {
      const n = upd(e, { elts: mapSame(e.elts, expr) });
      if (n.ctx === 'Load') {
        const t = constTuple(n.elts);
        if (t) return constant(n, t);
      }
      return n;
    }
    case 'Name':
      if (e.ctx === 'Load' && e.id === '__debug__') return constant(e, { kind: 'bool', value: true });
      return e;
    default: return e;
  }
}

function constTuple(elts: A.Expr[]): ConstValue | null {
  const items: ConstValue[] = [];
  for (const x of elts) {
    if (x.type !== 'Constant') return null;
    items.push(x.value);
  }
  return { kind: 'tuple', items };
}

function foldIter(e: A.Expr): A.Expr {
  if (e.type === 'List') {
    if (e.elts.some((x) => x.type === 'Starred')) return e;
    const t = constTuple(e.elts);
    if (t) return constant(e, t);
    return { ...e, type: 'Tuple' } as A.Tuple;
  }
  if (e.type === 'Set') {
    const t = constTuple(e.elts);
    if (t && t.kind === 'tuple') return constant(e, { kind: 'frozenset', items: dedupe(t.items) });
  }
  return e;
}

function dedupe(items: ConstValue[]): ConstValue[] {
  const out: ConstValue[] = [];
  for (const it of items) if (!out.some((o) => constEq(o, it))) out.push(it);
  return out;
}

/** Python equality between constants, enough for set building (1 == 1.0 == True). */
function constEq(a: ConstValue, b: ConstValue): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null && nb !== null) {
    if (typeof na === 'bigint' && typeof nb === 'bigint') return na === nb;
    return Number(na) === Number(nb);
  }
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'str': return a.value === (b as typeof a).value;
    case 'bytes': {
      const bv = (b as typeof a).value;
      return a.value.length === bv.length && a.value.every((x, i) => x === bv[i]);
    }
    case 'None': case 'Ellipsis': return true;
    case 'complex': return a.real === (b as typeof a).real && a.imag === (b as typeof a).imag;
    case 'tuple': {
      const bi = (b as typeof a).items;
      return a.items.length === bi.length && a.items.every((x, i) => constEq(x, bi[i]!));
    }
    default: return false;
  }
}

function numeric(c: ConstValue): bigint | number | null {
  if (c.kind === 'int') return c.value;
  if (c.kind === 'bool') return c.value ? 1n : 0n;
  if (c.kind === 'float') return c.value;
  return null;
}

function bitLength(v: bigint): number {
  if (v < 0n) v = -v;
  return v === 0n ? 0 : v.toString(2).length;
}

function asInt(c: ConstValue): bigint | null {
  if (c.kind === 'int') return c.value;
  if (c.kind === 'bool') return c.value ? 1n : 0n;
  return null;
}

function truth(c: ConstValue): boolean {
  switch (c.kind) {
    case 'None': return false;
    case 'bool': return c.value;
    case 'int': return c.value !== 0n;
    case 'float': return c.value !== 0;
    case 'complex': return c.real !== 0 || c.imag !== 0;
    case 'str': case 'bytes': return c.value.length > 0;
    case 'tuple': case 'frozenset': return c.items.length > 0;
    default: return true;
  }
}

function unaryop(op: A.UnaryOperator, v: ConstValue): Folded {
  if (op === 'Not') return { kind: 'bool', value: !truth(v) };
  const i = asInt(v);
  if (i !== null) {
    if (op === 'USub') return { kind: 'int', value: -i };
    if (op === 'UAdd') return { kind: 'int', value: i };
    return { kind: 'int', value: ~i };
  }
  if (v.kind === 'float') {
    if (op === 'USub') return { kind: 'float', value: -v.value };
    if (op === 'UAdd') return v;
    return null;
  }
  if (v.kind === 'complex') {
    if (op === 'USub') return { kind: 'complex', real: -v.real, imag: -v.imag };
    if (op === 'UAdd') return v;
  }
  return null;
}

function toFloat(c: ConstValue): number | null {
  if (c.kind === 'float') return c.value;
  const i = asInt(c);
  if (i === null) return null;
  const f = Number(i);
  if (!Number.isFinite(f)) return null; // OverflowError in CPython: leave unfolded
  return f;
}

function floatDivmod(vx: number, wx: number): [number, number] | null {
  if (wx === 0) return null;
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if ((wx < 0) !== (mod < 0)) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = wx < 0 || Object.is(wx, -0) ? -0 : 0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = (vx / wx < 0 || Object.is(vx / wx, -0)) ? -0 : 0;
  }
  return [floordiv, mod];
}

function floorDivInt(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function repeatCount(c: ConstValue): bigint | null {
  return asInt(c);
}

function binop(op: A.Operator, l: ConstValue, r: ConstValue): Folded {
  const a = asInt(l);
  const b = asInt(r);
  if (a !== null && b !== null) {
    if (l.kind === 'bool' && r.kind === 'bool' && (op === 'BitAnd' || op === 'BitOr' || op === 'BitXor')) {
      const v = op === 'BitAnd' ? l.value && r.value : op === 'BitOr' ? l.value || r.value : l.value !== r.value;
      return { kind: 'bool', value: v };
    }
    return intBinop(op, a, b);
  }
  // sequences
  if (op === 'Add') {
    if (l.kind === 'str' && r.kind === 'str') return { kind: 'str', value: l.value + r.value };
    if (l.kind === 'bytes' && r.kind === 'bytes') {
      const out = new Uint8Array(l.value.length + r.value.length);
      out.set(l.value, 0);
      out.set(r.value, l.value.length);
      return { kind: 'bytes', value: out };
    }
    if (l.kind === 'tuple' && r.kind === 'tuple') return { kind: 'tuple', items: [...l.items, ...r.items] };
  }
  if (op === 'Mult') {
    const seq = l.kind === 'str' || l.kind === 'bytes' || l.kind === 'tuple' ? l : r.kind === 'str' || r.kind === 'bytes' || r.kind === 'tuple' ? r : null;
    const other = seq === l ? r : l;
    if (seq) {
      const n0 = repeatCount(other);
      if (n0 === null) return null;
      const n = n0 < 0n ? 0 : Number(n0);
      if (seq.kind === 'str') {
        const size = [...seq.value].length;
        if (size && n > MAX_STR_SIZE / size) return null;
        return { kind: 'str', value: seq.value.repeat(n) };
      }
      if (seq.kind === 'bytes') {
        const size = seq.value.length;
        if (size && n > MAX_STR_SIZE / size) return null;
        const out = new Uint8Array(size * n);
        for (let i = 0; i < n; i++) out.set(seq.value, i * size);
        return { kind: 'bytes', value: out };
      }
      if (seq.kind === 'tuple') {
        const size = seq.items.length;
        if (size && n > MAX_COLLECTION_SIZE / size) return null;
        const items: ConstValue[] = [];
        for (let i = 0; i < n; i++) items.push(...seq.items);
        return { kind: 'tuple', items };
      }
    }
  }
  if (l.kind === 'complex' || r.kind === 'complex') return complexBinop(op, l, r);
  const x = toFloat(l);
  const y = toFloat(r);
  if (x === null || y === null) return null;
  if (l.kind !== 'float' && r.kind !== 'float') return null;
  switch (op) {
    case 'Add': return { kind: 'float', value: x + y };
    case 'Sub': return { kind: 'float', value: x - y };
    case 'Mult': return { kind: 'float', value: x * y };
    case 'Div': return y === 0 ? null : { kind: 'float', value: x / y };
    case 'FloorDiv': {
      const dm = floatDivmod(x, y);
      return dm ? { kind: 'float', value: dm[0] } : null;
    }
    case 'Mod': {
      const dm = floatDivmod(x, y);
      return dm ? { kind: 'float', value: dm[1] } : null;
    }
    case 'Pow': {
      if (x === 0 && y < 0) return null;
      if (x < 0 && !Number.isInteger(y)) return null;
      // float_pow, correctly rounded as C's pow is (Math.pow can be an ulp off: 7.0 ** -2).
      try {
        return { kind: 'float', value: floatPow(x, y) };
      } catch {
        return null; // OverflowError or ZeroDivisionError: left for run time
      }
    }
    default: return null;
  }
}

function complexBinop(op: A.Operator, l: ConstValue, rv: ConstValue): Folded {
  const parts = (c: ConstValue): [number, number] | null => {
    if (c.kind === 'complex') return [c.real, c.imag];
    const f = toFloat(c);
    return f === null ? null : [f, 0];
  };
  const p = parts(l);
  const q = parts(rv);
  if (!p || !q) return null;
  let r: Complex | null;
  switch (op) {
    case 'Add': r = [p[0] + q[0], p[1] + q[1]]; break;
    case 'Sub': r = [p[0] - q[0], p[1] - q[1]]; break;
    case 'Mult': r = cProd(p, q); break;
    case 'Div': r = cQuot(p, q); break;
    case 'Pow': r = cPow(p, q); break;
    default: return null;
  }
  if (!r) return null;
  if ((op === 'Div' || op === 'Pow') && (!Number.isFinite(r[0]) || !Number.isFinite(r[1]))) return null; // OverflowError
  return { kind: 'complex', real: r[0], imag: r[1] };
}

function intBinop(op: A.Operator, a: bigint, b: bigint): Folded {
  const int = (value: bigint): ConstValue => ({ kind: 'int', value });
  switch (op) {
    case 'Add': return int(a + b);
    case 'Sub': return int(a - b);
    case 'Mult':
      if (a !== 0n && b !== 0n && bitLength(a) + bitLength(b) > MAX_INT_SIZE) return null;
      return int(a * b);
    case 'Div': {
      if (b === 0n) return null;
      const q = trueDivide(a, b);
      return q === null ? null : { kind: 'float', value: q };
    }
    case 'FloorDiv': return b === 0n ? null : int(floorDivInt(a, b));
    case 'Mod': {
      if (b === 0n) return null;
      return int(a - b * floorDivInt(a, b));
    }
    case 'Pow': {
      if (b < 0n) {
        if (a === 0n) return null;
        const fa = Number(a);
        if (!Number.isFinite(fa)) return null;
        try {
          return { kind: 'float', value: floatPow(fa, Number(b)) };
        } catch {
          return null;
        }
      }
      if (b > 0n) {
        const vbits = bitLength(a);
        if (vbits > Math.floor(MAX_INT_SIZE / Number(b))) return null;
      }
      return int(a ** b);
    }
    case 'LShift':
      if (b < 0n) return null;
      if (a !== 0n && b !== 0n) {
        if (b > BigInt(MAX_INT_SIZE) || bitLength(a) > MAX_INT_SIZE - Number(b)) return null;
      }
      return int(a << b);
    case 'RShift':
      if (b < 0n) return null;
      return int(a >> b);
    case 'BitOr': return int(a | b);
    case 'BitXor': return int(a ^ b);
    case 'BitAnd': return int(a & b);
    default: return null;
  }
}

const EXACT = 2n ** 53n;

/** int / int correctly rounded, as long_true_divide computes it; null where CPython overflows. */
function trueDivide(a: bigint, b: bigint): number | null {
  if (a > -EXACT && a < EXACT && b > -EXACT && b < EXACT) return Number(a) / Number(b);
  const negative = (a < 0n) !== (b < 0n);
  let n = a < 0n ? -a : a;
  let d = b < 0n ? -b : b;
  if (n === 0n) return negative ? -0 : 0;
  // Scale so that the integer quotient has at least 55 significant bits, then fold the remainder
  // into a sticky bit: converting that integer to a double rounds exactly once, correctly.
  const shift = bitLength(d) - bitLength(n) + 55;
  if (shift > 0) n <<= BigInt(shift);
  else d <<= BigInt(-shift);
  let q = n / d;
  if (n % d !== 0n) q |= 1n;
  const exp = -shift;
  // q * 2**exp: q has 55 or 56 bits; scale in two steps to stay exact until the final rounding.
  const mant = Number(q); // exact rounding to 53 bits happens here (q < 2**57 fits)
  const v = mant * Math.pow(2, exp);
  if (!Number.isFinite(v)) return null;
  return negative ? -v : v;
}

function subscript(v: ConstValue, idx: ConstValue): Folded {
  const i0 = asInt(idx);
  if (i0 === null) return null;
  const index = (len: number): number | null => {
    let i = Number(i0);
    if (i < 0) i += len;
    return i >= 0 && i < len ? i : null;
  };
  if (v.kind === 'str') {
    const cps = [...v.value];
    const i = index(cps.length);
    return i === null ? null : { kind: 'str', value: cps[i]! };
  }
  if (v.kind === 'bytes') {
    const i = index(v.value.length);
    return i === null ? null : { kind: 'int', value: BigInt(v.value[i]!) };
  }
  if (v.kind === 'tuple') {
    const i = index(v.items.length);
    return i === null ? null : v.items[i]!;
  }
  return null;
}

// ---- '%s' % (a, b) → f-string (ast_opt.c's optimize_format) ------------------------------------

const NOPOS: A.Pos = { lineno: -1, col_offset: -1, end_lineno: -1, end_col_offset: -1 };

function strConst(value: string): A.Constant {
  return { type: 'Constant', value: { kind: 'str', value }, kind: null, ...NOPOS };
}

/** Splits into code points, as CPython indexes str. */
function optimizeFormat(node: A.BinOp, fmt: string, elts: A.Expr[]): A.Expr {
  const cps = [...fmt];
  const size = cps.length;
  const seq: A.Expr[] = [];
  let pos = 0;
  let cnt = 0;
  for (;;) {
    // parse_literal
    const start = pos;
    let hasPercents = false;
    while (pos < size) {
      if (cps[pos] !== '%') pos++;
      else if (pos + 1 < size && cps[pos + 1] === '%') {
        hasPercents = true;
        pos += 2;
      } else break;
    }
    if (pos !== start) {
      let lit = cps.slice(start, pos).join('');
      if (hasPercents) lit = lit.split('%%').join('%');
      seq.push(strConst(lit));
    }
    if (pos >= size) break;
    if (cnt >= elts.length) return node;
    pos++;
    const parsed = parseFormat(cps, pos);
    if (!parsed) return node;
    pos = parsed.pos;
    const arg = elts[cnt++]!;
    const { spec, ljust, width, prec } = parsed;
    if (spec !== 's' && spec !== 'r' && spec !== 'a') return node;
    let buf = '';
    if (!ljust && width > 0) buf += '>';
    if (width >= 0) buf += String(width);
    if (prec >= 0) buf += '.' + prec;
    seq.push({
      type: 'FormattedValue', value: arg, conversion: spec.charCodeAt(0),
      format_spec: buf ? (strConst(buf) as unknown as A.JoinedStr) : null,
      lineno: arg.lineno, col_offset: arg.col_offset, end_lineno: arg.end_lineno, end_col_offset: arg.end_col_offset,
    });
  }
  if (cnt < elts.length) return node;
  return { type: 'JoinedStr', values: seq, lineno: node.lineno, col_offset: node.col_offset, end_lineno: node.end_lineno, end_col_offset: node.end_col_offset };
}

const MAXDIGITS = 3;

function parseFormat(cps: string[], pos: number): { pos: number; spec: string; ljust: boolean; width: number; prec: number } | null {
  const len = cps.length;
  let ljust = false;
  let width = -1;
  let prec = -1;
  let ch: string;
  const next = (): boolean => {
    if (pos >= len) return false;
    ch = cps[pos++]!;
    return true;
  };
  for (;;) {
    if (!next()) return null;
    if (ch! === '-') { ljust = true; continue; }
    if (ch! === '+' || ch! === ' ' || ch! === '#' || ch! === '0' || ch! === 'z') continue;
    break;
  }
  const isDigit = (c: string): boolean => c >= '0' && c <= '9';
  if (isDigit(ch!)) {
    width = 0;
    let digits = 0;
    while (isDigit(ch!)) {
      width = width * 10 + (ch!.charCodeAt(0) - 48);
      if (!next()) return null;
      if (++digits >= MAXDIGITS) return null;
    }
  }
  if (ch! === '.') {
    if (!next()) return null;
    prec = 0;
    if (isDigit(ch!)) {
      let digits = 0;
      while (isDigit(ch!)) {
        prec = prec * 10 + (ch!.charCodeAt(0) - 48);
        if (!next()) return null;
        if (++digits >= MAXDIGITS) return null;
      }
    }
  }
  return { pos, spec: ch!, ljust, width, prec };
}
