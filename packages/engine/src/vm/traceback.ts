// Printing an uncaught exception as CPython 3.11 does (Python/pythonrun.c print_exception_recursive,
// Python/traceback.c tb_displayline with 3.11's carets, Python/suggestions.c).
import type { CodeObject } from '../compiler/code.js';
import { PyBaseException, PyList, PyStr, PyModule, PyTuple, type PyObject } from '../runtime/object.js';
import type { Runtime } from '../runtime/runtime.js';
import { str, isSubtype } from '../runtime/ops.js';
import { dictGet, dictItems } from '../runtime/dict.js';
import { parse } from '../python/index.js';
import type { Expr } from '../python/ast.js';

export interface SourceFiles {
  /** Source text of a code object's file, or null when unknown (exec'd strings). */
  lines(filename: string): string[] | null;
  /** The path printed for a filename. */
  display(filename: string): string;
}

export function formatException(rt: Runtime, exc: PyBaseException, files: SourceFiles): string {
  const seen = new Set<PyObject>();
  return formatChain(rt, exc, files, seen);
}

function formatChain(rt: Runtime, exc: PyBaseException, files: SourceFiles, seen: Set<PyObject>): string {
  seen.add(exc);
  let out = '';
  const cause = exc.cause as PyBaseException | null;
  const context = exc.context as PyBaseException | null;
  if (cause !== null && !seen.has(cause)) {
    out += formatChain(rt, cause, files, seen);
    out += '\nThe above exception was the direct cause of the following exception:\n\n';
  } else if (context !== null && !exc.suppressContext && !seen.has(context)) {
    out += formatChain(rt, context, files, seen);
    out += '\nDuring handling of the above exception, another exception occurred:\n\n';
  }
  return out + formatOne(rt, exc, files);
}

function formatOne(rt: Runtime, exc: PyBaseException, files: SourceFiles): string {
  let out = '';
  const tb = exc.traceback;
  if (tb.length > 0) {
    out += 'Traceback (most recent call last):\n';
    let last = '';
    let repeat = 0;
    const flush = (): void => {
      if (repeat > 3) out += `  [Previous line repeated ${repeat - 3} more time${repeat - 3 === 1 ? '' : 's'}]\n`;
    };
    for (let i = tb.length - 1; i >= 0; i--) {
      const { code, lasti } = tb[i]!;
      const entry = formatEntry(code, lasti, files);
      const key = `${code.filename}:${code.positions[lasti * 4]}:${code.name}`;
      if (key === last) {
        repeat++;
        if (repeat > 3) continue;
      } else {
        flush();
        last = key;
        repeat = 1;
      }
      out += entry;
    }
    flush();
  }
  out += excLine(rt, exc) + '\n';
  // print_exception_notes: each str note on a line of its own.
  const notes = exc.dict !== null ? dictGet(exc.dict, '__notes__') : null;
  if (notes instanceof PyList || notes instanceof PyTuple) {
    for (const n of notes.items) out += (n instanceof PyStr ? n.value : '<note str() failed>') + '\n';
  }
  return out;
}

export function excLine(rt: Runtime, exc: PyBaseException): string {
  const t = exc.type;
  let name = t.qualname;
  const m = t.heap ? t.dict.get('__module__') : null;
  const mod = m instanceof PyStr ? m.value : t.heap ? '__main__' : 'builtins';
  if (mod !== '__main__' && mod !== 'builtins') name = `${mod}.${name}`;
  let msg: string;
  try {
    msg = str(rt, exc);
  } catch {
    msg = '<exception str() failed>';
  }
  const sugg = suggestion(rt, exc);
  if (sugg !== null) msg += `. Did you mean: '${sugg}'?`;
  return msg === '' ? name : `${name}: ${msg}`;
}

function formatEntry(code: CodeObject, lasti: number, files: SourceFiles): string {
  const p = code.positions;
  const line = p[lasti * 4]!;
  let out = `  File "${files.display(code.filename)}", line ${line}, in ${code.name}\n`;
  const lines = files.lines(code.filename);
  if (lines === null || line < 1 || line > lines.length) return out;
  const text = lines[line - 1]!;
  const stripped = text.trim();
  if (stripped === '') return out;
  out += `    ${stripped}\n`;
  const endLine = p[lasti * 4 + 1]!;
  let col = p[lasti * 4 + 2]!;
  let endCol = p[lasti * 4 + 3]!;
  if (col < 0 || endCol < 0) return out;
  const leading = text.length - text.trimStart().length;
  if (endLine !== line) endCol = text.trimEnd().length;
  col = Math.min(col, text.length);
  let anchors: [number, number] | null = null;
  if (endLine === line) anchors = caretAnchors(text.slice(col, endCol));
  const spansAll = col <= leading && endCol >= leading + stripped.length;
  if (spansAll && !(anchors !== null && anchors[1] - anchors[0] > 0)) return out;
  if (spansAll && anchors === null) return out;
  let carets = ' '.repeat(col - leading);
  if (anchors !== null) {
    carets += '~'.repeat(anchors[0]) + '^'.repeat(anchors[1] - anchors[0]) + '~'.repeat(endCol - col - anchors[1]);
  } else {
    carets += '^'.repeat(endCol - col);
  }
  return out + `    ${carets}\n`;
}

/** _extract_caret_anchors_from_line_segment: ~ under the operands of a binary op or subscript. */
function caretAnchors(segment: string): [number, number] | null {
  let expr: Expr;
  try {
    const mod = parse(`(\n${segment}\n)`, '<caret>');
    const st = mod.body[0];
    if (mod.body.length !== 1 || st === undefined || st.type !== 'Expr') return null;
    expr = st.value;
  } catch {
    return null;
  }
  // Positions are on line 2 of the wrapped text: columns are offsets into the segment.
  const lines = segment.split('\n');
  const norm = (line: number, col: number): number => {
    let off = 0;
    for (let i = 0; i < line - 2; i++) off += lines[i]!.length + 1;
    return off + col;
  };
  if (expr.type === 'BinOp') {
    const opStart = norm(expr.left.end_lineno, expr.left.end_col_offset);
    const opEnd = norm(expr.right.lineno, expr.right.col_offset);
    const opStr = segment.slice(opStart, opEnd);
    const opOff = opStr.length - opStr.trimStart().length;
    let left = opStart + opOff;
    let right = left + 1;
    if (opOff + 1 < opStr.length && !/\s/.test(opStr[opOff + 1]!)) right++;
    while (left < segment.length && (/\s/.test(segment[left]!) || segment[left] === ')' || segment[left] === '#')) {
      left++;
      right++;
    }
    return [left, right];
  }
  if (expr.type === 'Subscript') {
    let left = norm(expr.value.end_lineno, expr.value.end_col_offset);
    let right = norm(expr.slice.end_lineno, expr.slice.end_col_offset + 1);
    while (left < segment.length && (/\s/.test(segment[left]!) || segment[left] !== '[')) left++;
    while (right < segment.length && (/\s/.test(segment[right]!) || segment[right] !== ']')) right++;
    if (right < segment.length) right++;
    return [left, right];
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// "Did you mean" (Python/suggestions.c)

const MOVE_COST = 2;
const CASE_COST = 1;
const MAX_STRING_SIZE = 40;

function substitutionCost(a: number, b: number): number {
  if ((a & 31) !== (b & 31)) return MOVE_COST;
  if (a === b) return 0;
  if (a >= 65 && a <= 90) a += 32;
  if (b >= 65 && b <= 90) b += 32;
  return a === b ? CASE_COST : MOVE_COST;
}

function levenshtein(a0: string, b0: string, maxCost: number): number {
  if (a0 === b0) return 0;
  let a = a0;
  let b = b0;
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  a = a.slice(pre);
  b = b.slice(pre);
  let suf = 0;
  while (suf < a.length && suf < b.length && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  a = a.slice(0, a.length - suf);
  b = b.slice(0, b.length - suf);
  if (a.length === 0 || b.length === 0) return (a.length + b.length) * MOVE_COST;
  if (a.length > MAX_STRING_SIZE || b.length > MAX_STRING_SIZE) return maxCost + 1;
  if (b.length < a.length) [a, b] = [b, a];
  if ((b.length - a.length) * MOVE_COST > maxCost) return maxCost + 1;
  const buffer: number[] = [];
  for (let i = 0; i < a.length; i++) buffer.push((i + 1) * MOVE_COST);
  let result = 0;
  for (let bi = 0; bi < b.length; bi++) {
    const code = b.charCodeAt(bi);
    let distance = (result = bi * MOVE_COST);
    let minimum = Infinity;
    for (let ai = 0; ai < a.length; ai++) {
      const substitute = distance + substitutionCost(code, a.charCodeAt(ai));
      distance = buffer[ai]!;
      const insertDelete = Math.min(result, distance) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      buffer[ai] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

export function calculateSuggestion(dir: string[], name: string): string | null {
  if (dir.length >= 750) return null;
  let best: string | null = null;
  let bestDist = Infinity;
  for (const item of dir) {
    if (item === name) continue;
    let maxDist = Math.floor(((name.length + item.length + 3) * MOVE_COST) / 6);
    maxDist = Math.min(maxDist, bestDist - 1);
    const d = levenshtein(name, item, maxDist);
    if (d > maxDist) continue;
    if (best === null || d < bestDist) {
      best = item;
      bestDist = d;
    }
  }
  return best;
}

/** Candidate name lists for a NameError, recorded when it is raised (locals, globals, builtins). */
export const nameErrorScopes = new WeakMap<PyBaseException, string[][]>();

function suggestion(rt: Runtime, exc: PyBaseException): string | null {
  const name = exc.extra?.get('name');
  if (!(name instanceof PyStr)) return null;
  if (isSubtype(exc.type, rt.t.NameError!)) {
    const scopes = nameErrorScopes.get(exc);
    if (!scopes) return null;
    for (const dir of scopes) {
      const s = calculateSuggestion(dir, name.value);
      if (s !== null) return s;
    }
    return null;
  }
  if (isSubtype(exc.type, rt.t.AttributeError!)) {
    const obj = exc.extra?.get('obj');
    if (obj === undefined) return null;
    try {
      const l = rt.dir(obj);
      const names = (l as unknown as { items: PyObject[] }).items.map((x) => (x as PyStr).value);
      rt.tempDecref(l);
      return calculateSuggestion(names, name.value);
    } catch {
      return null;
    }
  }
  return null;
}

export function dictKeys(d: { entries: unknown }): string[] {
  const out: string[] = [];
  for (const [k] of dictItems(d as never)) if (k instanceof PyStr) out.push(k.value);
  return out;
}

export { PyModule };
