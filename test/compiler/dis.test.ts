// The disassembler names opcodes and resolves arguments (constants, names, locals, jump targets).
import { describe, expect, it } from 'vitest';
import { parse } from '../../packages/engine/src/python/index.js';
import { compileModule, dis } from '../../packages/engine/src/compiler/index.js';

describe('dis', () => {
  it('shows resolved arguments, nested code and the exception table', () => {
    const src = 'def f(a):\n    try:\n        return g(a, k=1)\n    except E as e:\n        return e.x in (1, 2)\n';
    const text = dis(compileModule(parse(src, 'x.py'), { filename: 'x.py', source: src }));
    expect(text).toContain('Disassembly of <code object f, line 1>:');
    expect(text).toMatch(/LOAD_GLOBAL\s+1 \(NULL \+ g\)/);
    expect(text).toMatch(/KW_NAMES\s+\d+ \(\('k',\)\)/);
    expect(text).toMatch(/CONTAINS_OP\s+0 \(in\)/);
    expect(text).toMatch(/LOAD_CONST\s+\d+ \(\(1, 2\)\)/);
    expect(text).toContain('ExceptionTable:');
    expect(text).toMatch(/\d+ to \d+ -> \d+ \[1\] lasti/);
  });
});
