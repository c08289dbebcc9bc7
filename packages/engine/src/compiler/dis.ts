// A disassembler for refscope's decoded code objects, in the spirit of `python3 -m dis`: one line
// per instruction with its line number, index, opcode name, argument and the argument's meaning.
// For debugging the compiler and the VM; not on any hot path.
import type { ConstValue } from '../python/ast.js';
import { type CodeObject } from './code.js';
import { CMP_OPS, JUMP_OPS, NB_OPS, OP_NAMES, Op } from './opcodes.js';

function constRepr(c: ConstValue): string {
  switch (c.kind) {
    case 'None': return 'None';
    case 'Ellipsis': return 'Ellipsis';
    case 'bool': return c.value ? 'True' : 'False';
    case 'int': return c.value.toString();
    case 'float': return Number.isInteger(c.value) ? c.value.toFixed(1) : String(c.value);
    case 'complex': return `(${c.real}+${c.imag}j)`;
    case 'str': return `'${c.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
    case 'bytes': return `b'${Array.from(c.value, (b) => (b >= 32 && b < 127 && b !== 39 && b !== 92 ? String.fromCharCode(b) : '\\x' + b.toString(16).padStart(2, '0'))).join('')}'`;
    case 'tuple': return c.items.length === 1 ? `(${constRepr(c.items[0]!)},)` : `(${c.items.map(constRepr).join(', ')})`;
    case 'frozenset': return `frozenset({${c.items.map(constRepr).join(', ')}})`;
    case 'code': return `<code object ${c.code.name}, line ${c.code.firstlineno}>`;
  }
}

function argMeaning(co: CodeObject, op: number, arg: number): string {
  switch (op) {
    case Op.LOAD_CONST: return constRepr(co.consts[arg]!);
    case Op.KW_NAMES: return constRepr(co.consts[arg]!);
    case Op.LOAD_GLOBAL: return (arg & 1 ? 'NULL + ' : '') + co.names[arg >> 1];
    case Op.LOAD_NAME: case Op.STORE_NAME: case Op.DELETE_NAME: case Op.LOAD_ATTR: case Op.STORE_ATTR:
    case Op.DELETE_ATTR: case Op.STORE_GLOBAL: case Op.DELETE_GLOBAL: case Op.IMPORT_NAME: case Op.IMPORT_FROM:
    case Op.LOAD_METHOD:
      return co.names[arg] ?? '?';
    case Op.LOAD_FAST: case Op.STORE_FAST: case Op.DELETE_FAST: case Op.LOAD_CLOSURE: case Op.LOAD_DEREF:
    case Op.STORE_DEREF: case Op.DELETE_DEREF: case Op.LOAD_CLASSDEREF: case Op.MAKE_CELL:
      return co.localsplusnames[arg] ?? '?';
    case Op.COMPARE_OP: return CMP_OPS[arg] ?? '?';
    case Op.BINARY_OP: return NB_OPS[arg]?.[1] ?? '?';
    case Op.IS_OP: return arg ? 'is not' : 'is';
    case Op.CONTAINS_OP: return arg ? 'not in' : 'in';
    default: return JUMP_OPS.has(op) ? `to ${arg}` : '';
  }
}

/** Disassembles `co` (and, recursively, the code objects among its constants). */
export function dis(co: CodeObject): string {
  const out: string[] = [];
  const walk = (c: CodeObject, header: boolean): void => {
    if (header) out.push('', `Disassembly of <code object ${c.name}, line ${c.firstlineno}>:`);
    let lastLine = -2;
    for (let i = 0; i < c.ops.length; i++) {
      const op = c.ops[i]!;
      const arg = c.args[i]!;
      const line = c.positions[4 * i]!;
      const lineCol = line !== lastLine ? String(line === -1 ? '' : line).padStart(4) : '    ';
      lastLine = line;
      const name = OP_NAMES[op] ?? `<${op}>`;
      const meaning = argMeaning(c, op, arg);
      out.push(`${lineCol} ${String(i).padStart(6)} ${name.padEnd(28)}${op >= 90 ? String(arg).padStart(3) : ''}${meaning ? ` (${meaning})` : ''}`);
    }
    if (c.exceptiontable.length) {
      out.push('ExceptionTable:');
      for (const e of c.exceptiontable) out.push(`  ${e.start} to ${e.end} -> ${e.target} [${e.depth}]${e.lasti ? ' lasti' : ''}`);
    }
    for (const k of c.consts) if (k.kind === 'code') walk(k.code, true);
  };
  walk(co, false);
  return out.join('\n');
}
