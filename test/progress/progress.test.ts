// The status line of long operations (packages/client/src/progress.ts): drawn on a terminal and
// erased before the answer, never written when stderr is a pipe. The terminal is a real
// pseudo-terminal from util-linux's `script`; the test skips when it is not installed.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, pinnedEnv, refscope, tempDir } from '../client/helpers.js';

const HAVE_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!HAVE_SCRIPT) console.warn('skipping the terminal test: util-linux `script` is not installed');

/** A shell word. */
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

describe('the status line of long operations', () => {
  let dir = '';
  let rec = '';
  beforeAll(() => {
    ensureBuilt();
    dir = tempDir();
    // About 1.7M events: over the 1M at which stats shows its progress.
    writeFileSync(path.join(dir, 'churn.py'), 'for i in range(40000):\n    x = [i, str(i), (i, i)]\nprint("done")\n');
    rec = path.join(dir, 'churn.rsrec');
    const r = refscope(['run', 'churn.py', '--record', rec], dir);
    expect(r.status).toBe(0);
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!HAVE_SCRIPT)('is drawn on a terminal, then erased before the answer', () => {
    const cmd = `${quote(process.execPath)} ${quote(bin)} stats ${quote(rec)}`;
    const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...pinnedEnv(), TERM: 'xterm' }, input: '' });
    expect(r.status).toBe(0);
    const screen = r.stdout;
    const drawn = screen.indexOf('\r\x1b[2Krefscope: going through');
    expect(drawn, JSON.stringify(screen.slice(0, 300))).toBeGreaterThanOrEqual(0);
    // The erase (carriage return, clear line) comes after the status and before the first line of the answer.
    const answer = screen.indexOf('churn.py: ');
    expect(answer).toBeGreaterThan(drawn);
    expect(screen.slice(drawn + 1, answer)).toContain('\r\x1b[2K');
    expect(screen).toMatch(/collections per generation: \d+ \/ \d+ \/ \d+/);
  }, 120_000);

  it.skipIf(!HAVE_SCRIPT)('shows how far indexing has got while why builds checkpoints, erased before the answer', () => {
    const cmd = `${quote(process.execPath)} ${quote(bin)} why ${quote(rec)} 1`;
    const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...pinnedEnv(), TERM: 'xterm' }, input: '' });
    expect(r.status).toBe(0);
    const screen = r.stdout;
    const drawn = screen.indexOf('\r\x1b[2Krefscope: indexing churn.py: ');
    expect(drawn, JSON.stringify(screen.slice(0, 300))).toBeGreaterThanOrEqual(0);
    const answer = screen.indexOf('#1 ');
    expect(answer).toBeGreaterThan(drawn);
    expect(screen.slice(drawn + 1, answer)).toContain('\r\x1b[2K');
  }, 120_000);

  it.skipIf(!HAVE_SCRIPT)('is not drawn when only stdout is a terminal and stderr goes to a file', () => {
    const err = path.join(dir, 'stderr.txt');
    const cmd = `${quote(process.execPath)} ${quote(bin)} stats ${quote(rec)} 2>${quote(err)}`;
    const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...pinnedEnv(), TERM: 'xterm' }, input: '' });
    expect(r.status).toBe(0);
    expect(readFileSync(err, 'utf8')).toBe('');
    expect(r.stdout).not.toContain('going through');
    expect(r.stdout).toMatch(/churn\.py: \d+ events/);
  }, 120_000);

  it('prints nothing but the answer when stderr is a pipe', () => {
    const r = refscope(['stats', rec], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout).toMatch(/^churn\.py: \d+ events/);
  }, 120_000);
});
