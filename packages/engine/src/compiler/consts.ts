// Constants: identity keys (CPython's _PyCode_ConstantKey) and truthiness.
//
// Two constants share a co_consts slot exactly when their keys are equal: the key carries the
// type, so 1, 1.0 and True stay apart, and -0.0 is kept apart from 0.0.
import type { ConstValue } from '../python/ast.js';
import type { CodeObject } from './code.js';

let codeKeys = new WeakMap<object, string>();
let nanIds = new WeakMap<object, number>();
let nextNanId = 0;

/**
 * A code object's key is its content (code_richcompare compares name, argument counts, flags,
 * first line, instructions, constants, names, local names, line table and exception table; not
 * the qualname), so the two copies of a `while` condition's lambda or generator expression that
 * code generation emits collapse into one constant, as in CPython.
 */
function codeKey(co: CodeObject): string {
  let k = codeKeys.get(co);
  if (k === undefined) {
    k = JSON.stringify([
      co.name, co.argcount, co.posonlyargcount, co.kwonlyargcount, co.flags, co.firstlineno,
      Array.from(co.ops), Array.from(co.args), co.consts.map(constKey), co.names, co.localsplusnames,
      Array.from(co.positions), co.exceptiontable,
    ]);
    codeKeys.set(co, k);
  }
  return k;
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
    case 'code': return 'o' + codeKey(c.code);
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
  codeKeys = new WeakMap();
  nanIds = new WeakMap();
  nextNanId = 0;
}
