// Constants: identity keys (CPython's _PyCode_ConstantKey) and truthiness.
//
// Two constants share a co_consts slot exactly when their keys are equal: the key carries the
// type, so 1, 1.0 and True stay apart, and -0.0 is kept apart from 0.0.
import type { ConstValue } from '../python/ast.js';

let codeIds = new WeakMap<object, number>();
let nextCodeId = 0;

export function constKey(c: ConstValue): string {
  switch (c.kind) {
    case 'None': return 'N';
    case 'Ellipsis': return 'E';
    case 'bool': return c.value ? 'T' : 'F';
    case 'int': return 'i' + c.value.toString();
    case 'float': return 'f' + floatKey(c.value);
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

/** For tests: forget code-object identities (keys stay unique per object within a run). */
export function resetConstKeys(): void {
  codeIds = new WeakMap();
  nextCodeId = 0;
}
