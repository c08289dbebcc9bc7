// Loads what `python3 tools/pycode.py` prints into refscope CodeObjects, so the interpreter can be
// tested on code CPython itself compiled (bigint ints, Uint8Array bytes, 'inf'/'nan' floats,
// typed arrays for ops/args/positions).
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeObject } from '../../packages/engine/src/compiler/code.js';
import type { ConstValue } from '../../packages/engine/src/python/ast.js';

const TOOL = resolve(dirname(fileURLToPath(import.meta.url)), '../../tools/pycode.py');

type Json = Record<string, unknown>;

function constOf(c: Json): ConstValue {
  switch (c.kind) {
    case 'None': return { kind: 'None' };
    case 'Ellipsis': return { kind: 'Ellipsis' };
    case 'bool': return { kind: 'bool', value: c.value as boolean };
    case 'int': return { kind: 'int', value: BigInt(c.value as string) };
    case 'float': {
      const v = c.value;
      const n = v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number);
      return { kind: 'float', value: n };
    }
    case 'complex': return { kind: 'complex', real: c.real as number, imag: c.imag as number };
    case 'str': return { kind: 'str', value: c.value as string };
    case 'bytes': return { kind: 'bytes', value: Uint8Array.from(c.value as number[]) };
    case 'tuple': return { kind: 'tuple', items: (c.items as Json[]).map(constOf) };
    case 'frozenset': return { kind: 'frozenset', items: (c.items as Json[]).map(constOf) };
    case 'code': return { kind: 'code', code: codeOf(c.code as Json) };
  }
  throw new Error(`unknown constant kind ${String(c.kind)}`);
}

export function codeOf(j: Json): CodeObject {
  return {
    name: j.name as string,
    qualname: j.qualname as string,
    filename: j.filename as string,
    firstlineno: j.firstlineno as number,
    argcount: j.argcount as number,
    posonlyargcount: j.posonlyargcount as number,
    kwonlyargcount: j.kwonlyargcount as number,
    flags: j.flags as number,
    stacksize: j.stacksize as number,
    localsplusnames: j.localsplusnames as string[],
    localspluskinds: j.localspluskinds as number[],
    names: j.names as string[],
    consts: (j.consts as Json[]).map(constOf),
    ops: Uint8Array.from(j.ops as number[]),
    args: Int32Array.from(j.args as number[]),
    positions: Int32Array.from(j.positions as number[]),
    exceptiontable: j.exceptiontable as CodeObject['exceptiontable'],
  };
}

/** CPython's code object for a file (or for `-c` source when `source` is given). */
export function loadPycode(file: string, source?: string): CodeObject {
  const args = source !== undefined ? [TOOL, '-c', source] : [TOOL, file];
  const out = execFileSync('python3', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return codeOf(JSON.parse(out) as Json);
}
