// Checks that need the interpreter. Each is gated on the engine running its program the way
// python3 does (output and exit status); until then it is skipped with the reason printed, and
// once the program runs, everything else the test asserts (the story, the recording) must hold.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readRecording } from '@refscope/engine';
import { engineRuns, ensureBuilt, python, refscope, root, tempDir } from './helpers.js';
import { reduceLog, summary } from '@refscope/engine';

ensureBuilt();
const runs = engineRuns();
if (!runs) console.warn('test/client/engine-runs: skipped: the Engine does not run programs yet');

/** Why the engine cannot be used to test with `file` yet (it does not run it as python3 does), or null. */
function notYet(file: string, cwd: string): string | null {
  const r = refscope(['run', file], cwd);
  const want = python(file, cwd);
  const ok = want ? r.status === want.status && r.stdout === want.stdout : r.status === 0;
  if (ok) return null;
  const why = r.stderr.trim().split('\n').pop() ?? '';
  return `the engine does not run ${file} as python3 does yet (exit ${r.status}: ${why})`;
}

describe.skipIf(!runs)('with a working engine', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  it('npm start: prints the example\'s output as python3 does, then its story', ({ skip }) => {
    const reason = notYet('examples/two_node_cycle.py', root);
    if (reason) skip(reason);
    const example = path.join(root, 'examples/two_node_cycle.py');
    const want = python(example, root);
    const r = refscope(['run', 'examples/two_node_cycle.py', '--story']);
    expect(r.status).toBe(0);
    if (want) expect(r.stdout.startsWith(want.stdout + '\n')).toBe(true);
    const story = r.stdout.slice(r.stdout.indexOf('The story of'));
    expect(story).toMatch(/^The story of examples\/two_node_cycle\.py, told from its \d+ events:/);
    expect(story).toMatch(/allocated Node#\d+/);
    expect(story).toMatch(/del a, b\n(.*\n)*?.* left at refcount 1 each/);
    expect(story).toMatch(/a generation-2 collection found \d+ objects? unreachable \((among them )?Node#\d+ and Node#\d+\) and freed/);
  });

  it('stops a runaway program at --max-steps with exit 1 and keeps its recording', () => {
    writeFileSync(path.join(dir, 'loop.py'), 'n = 0\nwhile True:\n    n += 1\n');
    const rec = path.join(dir, 'loop.rsrec');
    const r = refscope(['run', 'loop.py', '--max-steps', '10000', '--record', rec], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readRecording(readFileSync(rec)).log.length).toBeGreaterThan(0);
  });

  it('records a run whose reduced state agrees with what the program printed', ({ skip }) => {
    writeFileSync(path.join(dir, 'p.py'), 'import gc\nx = [[] for _ in range(50)]\nprint(len(x))\ndel x\nprint(gc.collect())\n');
    const reason = notYet('p.py', dir);
    if (reason) skip(reason);
    const rec = path.join(dir, 'p.rsrec');
    const r = refscope(['run', 'p.py', '--record', rec], dir);
    expect(r.status).toBe(0);
    const { log } = readRecording(readFileSync(rec));
    const s = summary(reduceLog(log), log.length);
    expect(s.stdout).toBe(r.stdout);
    expect(s.index).toBe(log.length - 1);
    const want = python('p.py', dir);
    if (want) expect(r.stdout).toBe(want.stdout);
  });
});
