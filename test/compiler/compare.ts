// Structural comparison of two code-object trees, reporting the first differences readably.
import type { ConstValue } from '../../packages/engine/src/python/ast.js';
import type { CodeObject } from '../../packages/engine/src/compiler/code.js';
import { OP_NAMES } from '../../packages/engine/src/compiler/opcodes.js';

function constStr(c: ConstValue): string {
  switch (c.kind) {
    case 'None': case 'Ellipsis': return c.kind;
    case 'bool': return c.value ? 'True' : 'False';
    case 'int': return c.value.toString();
    case 'float': return Object.is(c.value, -0) ? '-0.0' : Number.isInteger(c.value) ? c.value + '.0' : String(c.value);
    case 'complex': return `complex(${c.real},${c.imag})`;
    case 'str': return JSON.stringify(c.value);
    case 'bytes': return `b[${Array.from(c.value).join(',')}]`;
    case 'tuple': return '(' + c.items.map(constStr).join(', ') + ')';
    // frozenset iteration order depends on string hashes (randomised per process): compare sorted
    case 'frozenset': return 'frozenset{' + c.items.map(constStr).sort().join(', ') + '}';
    case 'code': return `<code ${c.code.qualname}>`;
  }
}

export function disassemble(co: CodeObject): string[] {
  const out: string[] = [];
  for (let i = 0; i < co.ops.length; i++) {
    const p = co.positions;
    out.push(`${i} ${OP_NAMES[co.ops[i]!] ?? co.ops[i]} ${co.args[i]} @${p[4 * i]},${p[4 * i + 1]},${p[4 * i + 2]},${p[4 * i + 3]}`);
  }
  return out;
}

/** Returns a list of differences (empty when the trees are equal). */
export function diffCode(mine: CodeObject, theirs: CodeObject, where = ''): string[] {
  const at = where + theirs.qualname;
  const diffs: string[] = [];
  const scalar = ['name', 'qualname', 'firstlineno', 'argcount', 'posonlyargcount', 'kwonlyargcount', 'flags', 'stacksize'] as const;
  for (const k of scalar) {
    if (mine[k] !== theirs[k]) diffs.push(`${at}: ${k} ${mine[k]} != ${theirs[k]}`);
  }
  const json = ['localsplusnames', 'localspluskinds', 'names', 'exceptiontable'] as const;
  for (const k of json) {
    const a = JSON.stringify(mine[k]);
    const b = JSON.stringify(theirs[k]);
    if (a !== b) diffs.push(`${at}: ${k}\n  mine:   ${a}\n  python: ${b}`);
  }
  const ca = mine.consts.map(constStr);
  const cb = theirs.consts.map(constStr);
  if (JSON.stringify(ca) !== JSON.stringify(cb)) diffs.push(`${at}: consts\n  mine:   ${ca.join(' | ')}\n  python: ${cb.join(' | ')}`);
  const da = disassemble(mine);
  const db = disassemble(theirs);
  if (da.join('\n') !== db.join('\n')) {
    const lines: string[] = [];
    const n = Math.max(da.length, db.length);
    for (let i = 0; i < n; i++) {
      const a = da[i] ?? '';
      const b = db[i] ?? '';
      lines.push(`${a === b ? '  ' : '!!'} ${a.padEnd(44)} | ${b}`);
    }
    diffs.push(`${at}: instructions (mine | python)\n${lines.join('\n')}`);
  }
  const codesA = mine.consts.filter((c) => c.kind === 'code');
  const codesB = theirs.consts.filter((c) => c.kind === 'code');
  for (let i = 0; i < Math.min(codesA.length, codesB.length); i++) {
    diffs.push(...diffCode((codesA[i] as any).code, (codesB[i] as any).code, at + ' > '));
  }
  return diffs;
}
