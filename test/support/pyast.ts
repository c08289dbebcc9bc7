// Test support: CPython as the oracle. Runs tools/pyast.py and tools/pycode.py and turns their JSON
// into refscope's shapes: ast.ts nodes (ints as bigint, bytes as Uint8Array, 'inf'/'nan' floats as
// numbers) and decoded CodeObjects.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { ConstValue, Module } from '../../packages/engine/src/python/ast.js';
import type { CodeObject } from '../../packages/engine/src/compiler/code.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PYAST = path.join(ROOT, 'tools/pyast.py');
const PYCODE = path.join(ROOT, 'tools/pycode.py');

let available: boolean | null = null;

/** Whether python3 is CPython 3.11 (the oracle the tests compare with). */
export function hasPython311(): boolean {
  if (available === null) {
    const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], { encoding: 'utf8' });
    available = r.status === 0 && r.stdout.trim() === 'True';
  }
  return available;
}

function floatOf(v: unknown): number {
  if (typeof v === 'number') return v;
  switch (v) {
    case 'inf': return Infinity;
    case '-inf': return -Infinity;
    case 'nan': return NaN;
    default: return Number(v);
  }
}

/** Converts a tagged constant from the tools' JSON. */
export function constFromJson(j: any): ConstValue {
  switch (j.kind) {
    case 'int': return { kind: 'int', value: BigInt(j.value) };
    case 'float': return { kind: 'float', value: floatOf(j.value) };
    case 'complex': return { kind: 'complex', real: floatOf(j.real), imag: floatOf(j.imag) };
    case 'bytes': return { kind: 'bytes', value: Uint8Array.from(j.value) };
    case 'tuple': return { kind: 'tuple', items: j.items.map(constFromJson) };
    case 'frozenset': return { kind: 'frozenset', items: j.items.map(constFromJson) };
    case 'code': return { kind: 'code', code: codeFromJson(j.code) };
    default: return j as ConstValue;
  }
}

function astFromJson(j: any): any {
  if (Array.isArray(j)) return j.map(astFromJson);
  if (j === null || typeof j !== 'object') return j;
  const out: any = {};
  for (const [k, v] of Object.entries(j)) {
    out[k] = j.type === 'Constant' && k === 'value' ? constFromJson(v) : astFromJson(v);
  }
  return out;
}

export function codeFromJson(j: any): CodeObject {
  return {
    ...j,
    consts: j.consts.map(constFromJson),
    ops: Uint8Array.from(j.ops),
    args: Int32Array.from(j.args),
    positions: Int32Array.from(j.positions),
  };
}

function run(script: string, source: string): string {
  return execFileSync('python3', [script, '-c', source], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** CPython's AST for `source`, in ast.ts shape. */
export function pyAst(source: string): Module {
  return astFromJson(JSON.parse(run(PYAST, source))) as Module;
}

/** CPython's compiled code for `source` (filename "<string>"). */
export function pyCode(source: string): CodeObject {
  return codeFromJson(JSON.parse(run(PYCODE, source)));
}

/** Both at once, in one python3 process per tool. */
export function pyAstAndCode(source: string): { ast: Module; code: CodeObject } {
  return { ast: pyAst(source), code: pyCode(source) };
}

const ORACLE = path.join(ROOT, 'test/support/oracle.py');

export type OracleResult =
  | { ast: Module; code: CodeObject; warnings: [string, string, number][] }
  | {
    error: 'SyntaxError'; stage: 'parse' | 'compile';
    msg: string; lineno: number; offset: number; end_lineno: number; end_offset: number;
  };

/** Parses and compiles many sources with one python3 process. */
export function pyBatch(sources: string[]): OracleResult[] {
  const out = execFileSync('python3', [ORACLE], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 1 << 30 });
  return (JSON.parse(out) as any[]).map((r) => (r.error ? r : { ast: astFromJson(r.ast) as Module, code: codeFromJson(r.code), warnings: r.warnings }));
}
