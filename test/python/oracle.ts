// Asks CPython (python3) about many sources in one process: see oracle.py.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConstValue } from '../../packages/engine/src/python/index.js';

const here = dirname(fileURLToPath(import.meta.url));

function probe(): boolean {
  try {
    const out = execFileSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], { encoding: 'utf8' });
    return out.trim() === 'True';
  } catch {
    return false;
  }
}

/** Whether python3 is CPython 3.11 (the oracle); tests that need it skip otherwise. */
export const hasPython = probe();

export interface PyError {
  type: string; msg: string; lineno: number; offset: number; end_lineno: number; end_offset: number; text: string | null;
}

type Job = { op: 'ast' | 'error' | 'parse' | 'stderr'; src: string };

export function oracle(jobs: Job[]): unknown[] {
  const r = spawnSync('python3', [join(here, 'oracle.py')], {
    input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`oracle.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown[];
}

export const sharedCases = join(here, '..', '..', '..', 'shared', 'conformance', 'cases');
export const hasShared = existsSync(sharedCases);

/** Our AST in the JSON shape tools/pyast.py prints. */
export function toPyJson(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toPyJson);
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (o.type === 'Constant') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = k === 'value' ? constJson(v as ConstValue) : toPyJson(v);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = toPyJson(v);
  return out;
}

function constJson(v: ConstValue): unknown {
  switch (v.kind) {
    case 'int': return { kind: 'int', value: v.value.toString() };
    case 'bytes': return { kind: 'bytes', value: Array.from(v.value) };
    case 'float':
      if (!Number.isFinite(v.value)) return { kind: 'float', value: Number.isNaN(v.value) ? 'nan' : v.value > 0 ? 'inf' : '-inf' };
      return v;
    case 'complex': return { kind: 'complex', real: finite(v.real), imag: finite(v.imag) };
    default: return v;
  }
}

function finite(x: number): number | string {
  return Number.isFinite(x) ? x : Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}
