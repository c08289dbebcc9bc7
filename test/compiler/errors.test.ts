// Compile-time errors: CPython's message and location (as a PySyntaxError), and constructs outside
// refscope's subset (NotSupportedError with the construct and line). Sources go through refscope's
// own parser; the expected error comes from python3's compile() when it is available.
import { describe, expect, it } from 'vitest';
import { parse, PySyntaxError, type Module } from '../../packages/engine/src/python/index.js';
import { compileModule, NotSupportedError } from '../../packages/engine/src/compiler/index.js';
import { hasPython311, pyBatch } from '../support/pyast.js';

const ERRORS: Record<string, [string, string]> = {
  return_module: ['return 1', "'return' outside function"],
  return_class: ['class A:\n    return 1', "'return' outside function"],
  break_outside: ['break', "'break' outside loop"],
  break_in_def_in_loop: ['for x in y:\n    def f():\n        break', "'break' outside loop"],
  continue_outside: ['def f():\n    continue', "'continue' not properly in loop"],
  yield_module: ['yield 1', "'yield' outside function"],
  yield_from_class: ['class A:\n    x = yield from y', "'yield' outside function"],
  nonlocal_module: ['nonlocal x', 'nonlocal declaration not allowed at module level'],
  nonlocal_unbound: ['def f():\n    nonlocal x', "no binding for nonlocal 'x' found"],
  nonlocal_global_only: ['x = 1\ndef f():\n    nonlocal x', "no binding for nonlocal 'x' found"],
  nonlocal_and_global: ['def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x', "name 'x' is nonlocal and global"],
  walrus_rebinds_iter: ['def f():\n    return [x := 0 for x in y]', "assignment expression cannot rebind comprehension iteration variable 'x'"],
  walrus_in_class_comp: ['class A:\n    z = [(w := x) for x in y]', 'assignment expression within a comprehension cannot be used in a class body'],
  yield_in_genexp: ['def f():\n    return ((yield x) for x in y)', "'yield' inside generator expression"],
  walrus_in_comp_iter: ['def f():\n    return [x for x in (y := z)]', 'assignment expression cannot be used in a comprehension iterable expression'],
  walrus_in_inner_comp_iter: ['def f():\n    return [x for z in w for x in (lambda: (y := z))()]', 'assignment expression cannot be used in a comprehension iterable expression'],
  global_after_assign: ['def f():\n    x = 1\n    global x', "name 'x' is assigned to before global declaration"],
  global_after_use: ['def f():\n    print(x)\n    global x', "name 'x' is used prior to global declaration"],
  global_param: ['def f(a):\n    global a', "name 'a' is parameter and global"],
  nonlocal_param: ['def g():\n    a = 1\n    def f(a):\n        nonlocal a', "name 'a' is parameter and nonlocal"],
  annotated_global: ['x: int\ndef f():\n    global x\n    x: int = 1', "annotated name 'x' can't be global"],
  keyword_repeated: ['f(a=1, a=2)', 'keyword argument repeated: a'],
  default_except_last: ['try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass', "default 'except:' must be last"],
  duplicate_argument: ['def f(a, a): pass', "duplicate argument 'a' in function definition"],
  yield_in_listcomp: ['def f():\n    return [(yield x) for x in y]', "'yield' inside list comprehension"],
  multiple_starred: ['a, *b, *c = d', 'multiple starred expressions in assignment'],
  late_future: ['x = 1\nfrom __future__ import division', 'from __future__ imports must occur at the beginning of the file'],
  late_future_same_line: ['import os; from __future__ import division', 'from __future__ imports must occur at the beginning of the file'],
  future_braces: ['from __future__ import braces', 'not a chance'],
  future_unknown: ['from __future__ import nope', 'future feature nope is not defined'],
  import_star_function: ['def f():\n    from os import *', 'import * only allowed at module level'],
};

const UNSUPPORTED: Record<string, [string, string, number]> = {
  async_def: ['x = 1\nasync def f():\n    pass', 'async def', 2],
  await_: ['async def f():\n    await g()', 'async def', 1],
  future_annotations: ['from __future__ import annotations', 'from __future__ import annotations', 1],
  except_star: ['try:\n    pass\nexcept* E:\n    pass', 'except*', 1],
};

function compileSource(src: string): unknown {
  try {
    compileModule(parse(src, 'f.py'), { filename: 'f.py', source: src });
    return null;
  } catch (e) {
    return e;
  }
}

describe('compile-time errors', () => {
  const names = Object.keys(ERRORS);
  const oracle = hasPython311() ? pyBatch(names.map((n) => ERRORS[n]![0])) : null;
  names.forEach((name, i) => {
    it(name, () => {
      const [src, msg] = ERRORS[name]!;
      const err = compileSource(src);
      expect(err).toBeInstanceOf(PySyntaxError);
      const e = err as PySyntaxError;
      expect(e.msg).toBe(msg);
      expect(e.filename).toBe('f.py');
      const lines = src.split('\n');
      expect(e.text).toBe(lines[e.lineno - 1] + '\n');
      const py = oracle?.[i];
      if (py && 'error' in py) {
        expect(py.stage).toBe('compile');
        expect({ msg: e.msg, lineno: e.lineno, offset: e.offset, end_lineno: e.end_lineno, end_offset: e.end_offset })
          .toEqual({ msg: py.msg, lineno: py.lineno, offset: py.offset, end_lineno: py.end_lineno, end_offset: py.end_offset ?? -1 });
      }
    });
  });
});

describe('constructs outside the subset', () => {
  for (const [name, [src, construct, line]] of Object.entries(UNSUPPORTED)) {
    it(name, () => {
      const err = compileSource(src);
      expect(err).toBeInstanceOf(NotSupportedError);
      expect((err as NotSupportedError).construct).toBe(construct);
      expect((err as NotSupportedError).lineno).toBe(line);
      expect((err as Error).message).toBe(`${construct} is not supported by refscope (line ${line})`);
    });
  }
  it('match', () => {
    // Built by hand: whether the parser accepts `match` is the parser's concern.
    const pos = { lineno: 2, col_offset: 0, end_lineno: 4, end_col_offset: 12 };
    const subject = { type: 'Name', id: 'x', ctx: 'Load', lineno: 2, col_offset: 6, end_lineno: 2, end_col_offset: 7 } as const;
    const mod: Module = { type: 'Module', type_ignores: [], body: [{ type: 'Match', subject, cases: [], ...pos }] };
    expect(() => compileModule(mod, { filename: 'f.py', source: '' })).toThrow(NotSupportedError);
    expect(() => compileModule(mod, { filename: 'f.py', source: '' })).toThrow('match statement is not supported by refscope (line 2)');
  });
});
