// Compile-time SyntaxWarnings: the same messages on the same lines, in the same order (duplicates
// included: a while condition is compiled twice) as python3's compile().
import { describe, expect, it } from 'vitest';
import { compileModule, type CompileWarning } from '../../packages/engine/src/compiler/index.js';
import { hasPython311, pyBatch } from '../support/pyast.js';

const SOURCES: Record<string, string> = {
  is_literal: 'x = 1\nif x is 1:\n    pass\ny = x is not "a"\nz = x is None\nw = x is ...',
  is_literal_chain: 'a = 1 < x is 2',
  while_twice: 'while x is 1:\n    x = 2',
  assert_tuple: 'assert (x, "msg")\nassert ()\nassert (1, 2)',
  not_callable: 'a = (1)(2)\nb = [1, 2](3)\nc = "s"()\nd = (x for x in y)()\ne = f"{x}"()',
  not_subscriptable: 'a = None[0]\nb = 1.5[0]\nc = {1, 2}[0]\nd = (lambda: 0)[0]\ne = ...[1]',
  bad_index: 'a = "ab"["a"]\nb = [1, 2][1.5]\nc = (1, 2)[None]\nd = [x for x in y]["k"]\ne = "ab"[x]\nf = "ab"[1:2]',
  no_warnings: 'x = y is None\nz = [1][0]\nf(1)',
};

describe.skipIf(!hasPython311())('SyntaxWarnings vs python3', () => {
  const names = Object.keys(SOURCES);
  const results = hasPython311() ? pyBatch(names.map((n) => SOURCES[n]!)) : [];
  names.forEach((name, i) => {
    it(name, () => {
      const r = results[i]!;
      if ('error' in r) throw new Error(`python3 refused ${name}`);
      const warnings: CompileWarning[] = [];
      compileModule(r.ast, { filename: '<string>', source: SOURCES[name]!, warnings });
      expect(warnings.map((w) => [w.category, w.message, w.lineno])).toEqual(r.warnings);
    });
  });
});

// The warnings are printed to stderr before the program runs, as python3 prints them with its
// default filters: `path:line: SyntaxWarning: message` and the stripped source line (none for
// exec'd strings, whose source linecache cannot read).
describe.skipIf(!hasPython311())('SyntaxWarnings printed by a run', () => {
  const PROGRAM = [
    'x = 1',
    'print(x is 1, x is not "s")',
    'exec("y = 2\\nprint(y is 2)")',
    '   # an indented comment line',
    'if x is 1: print("one")',
  ].join('\n') + '\n';

  it('prints what python3 prints, in the same order, on stderr', async () => {
    const { Engine } = await import('../../packages/engine/src/index.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(path.join(tmpdir(), 'refscope-warn-'));
    const file = path.join(dir, 'warn.py');
    writeFileSync(file, PROGRAM);
    const py = spawnSync('python3', [file], { encoding: 'utf8' });
    let stdout = '';
    let stderr = '';
    const engine = new Engine(PROGRAM, { filename: file, displayPath: file, onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) });
    engine.run({});
    expect(stderr).toBe(py.stderr);
    expect(stdout).toBe(py.stdout);
    expect(stderr.split('\n').filter((l) => l.includes('SyntaxWarning')).length).toBe(4);
  });
});
