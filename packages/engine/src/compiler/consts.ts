// Constants: identity keys (CPython's _PyCode_ConstantKey) and truthiness.
//
// Two constants share a co_consts slot exactly when their keys are equal: the key carries the
// type, so 1, 1.0 and True stay apart, and -0.0 is kept apart from 0.0.
import type { ConstValue } from '../python/ast.js';
import type { CodeObject } from './code.js';

let codeIds = new WeakMap<object, number>();
let nextCodeId = 0;
let nanIds = new WeakMap<object, number>();
let nextNanId = 0;

/**
 * Whether two code objects are equal as code_richcompare decides: name, argument counts, flags,
 * first line, instructions, constants, names, local names, line table and exception table (not
 * the qualname). Equal code objects share one constant, so the two copies of a `while`
 * condition's lambda or generator expression that code generation emits collapse into one.
 */
export function codeEqual(a: CodeObject, b: CodeObject): boolean {
  if (a === b) return true;
  if (a.name !== b.name || a.argcount !== b.argcount || a.posonlyargcount !== b.posonlyargcount ||
      a.kwonlyargcount !== b.kwonlyargcount || a.flags !== b.flags || a.firstlineno !== b.firstlineno) return false;
  if (!sameArray(a.ops, b.ops) || !sameArray(a.args, b.args) || !sameArray(a.positions, b.positions)) return false;
  if (!sameArray(a.names, b.names) || !sameArray(a.localsplusnames, b.localsplusnames)) return false;
  if (a.consts.length !== b.consts.length) return false;
  for (let i = 0; i < a.consts.length; i++) {
    const x = a.consts[i]!;
    const y = b.consts[i]!;
    if (x.kind === 'code' && y.kind === 'code') {
      if (!codeEqual(x.code, y.code)) return false;
    } else if (constKey(x) !== constKey(y)) {
      return false;
    }
  }
  return JSON.stringify(a.exceptiontable) === JSON.stringify(b.exceptiontable);
}

function sameArray(a: ArrayLike<unknown>, b: ArrayLike<unknown>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A cheap key under which equal code objects are guaranteed to collide. */
export function codeSignature(co: CodeObject): string {
  return `${co.name}\0${co.firstlineno}\0${co.ops.length}\0${co.consts.length}`;
}

export function constKey(c: ConstValue): string {
  switch (c.kind) {
    case 'None': return 'N';
    case 'Ellipsis': return 'E';
    case 'bool': return c.value ? 'T' : 'F';
    case 'int': return 'i' + c.value.toString();
    case 'float':
      if (Number.isNaN(c.value)) {
        // Every NaN object is its own constant (NaN != NaN); one AST node is one object.
        let id = nanIds.get(c);
        if (id === undefined) {
          id = nextNanId++;
          nanIds.set(c, id);
        }
        return 'fnan' + id;
      }
      return 'f' + floatKey(c.value);
    case 'complex': return 'c' + floatKey(c.real) + ',' + floatKey(c.imag);
    case 'str': return 's' + c.value;
    case 'bytes': {
      let s = 'y';
      for (const b of c.value) s += String.fromCharCode(b);
      return s;
    }
    case 'tuple': return 't(' + c.items.map(constKey).map(escapeKey).join(',') + ')';
    case 'frozenset': return 'z(' + c.items.map(constKey).map(escapeKey).sort().join(',') + ')';
    case 'code': {
      let id = codeIds.get(c.code);
      if (id === undefined) {
        id = nextCodeId++;
        codeIds.set(c.code, id);
      }
      return 'o' + id;
    }
  }
}

function escapeKey(k: string): string {
  return k.length + ':' + k;
}

function floatKey(v: number): string {
  if (Object.is(v, -0)) return '-0';
  if (Number.isNaN(v)) return 'nan';
  return String(v);
}

/** Python truthiness of a constant. */
export function constTruth(c: ConstValue): boolean {
  switch (c.kind) {
    case 'None': return false;
    case 'Ellipsis': return true;
    case 'bool': return c.value;
    case 'int': return c.value !== 0n;
    case 'float': return c.value !== 0 && !Number.isNaN(c.value) ? true : Number.isNaN(c.value);
    case 'complex': return c.real !== 0 || c.imag !== 0;
    case 'str': return c.value.length > 0;
    case 'bytes': return c.value.length > 0;
    case 'tuple': return c.items.length > 0;
    case 'frozenset': return c.items.length > 0;
    case 'code': return true;
  }
}

export const NONE: ConstValue = { kind: 'None' };

/** Forgets memoised keys (they are only a cache). */
export function resetConstKeys(): void {
  codeIds = new WeakMap();
  nextCodeId = 0;
  nanIds = new WeakMap();
  nextNanId = 0;
}
