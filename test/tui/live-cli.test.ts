// `refscope attach` when stdout is not a terminal, through the built CLI: the session list, the
// plain-text view of a recorded and of a started session, and the one-line refusals (exit 1) for
// an unreachable server, a missing or wrong token and an unknown session.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '@refscope/engine';
import { RefscopeServer } from '@refscope/server';
import { openRun } from '../../packages/client/src/open.js';
import { LiveClient } from '../../packages/client/src/tui/live/client.js';
import { TWO_NODE, root } from './fixture.js';

const CLI = path.join(root, 'packages/client/bin/refscope.js');
const built = existsSync(path.join(root, 'packages/client/dist/cli.js'));
if (!built) console.warn('test/tui/live-cli.test.ts: the CLI is not built (run npm run build); skipped');

function refscope(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [CLI, ...args], { cwd, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(!built)('refscope attach without a terminal', () => {
  let dir = '';
  let server: RefscopeServer;
  let url = '';
  let events = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'refscope-attach-'));
    copyFileSync(TWO_NODE, path.join(dir, 'prog.py'));
    const made = await refscope(['run', 'prog.py', '--record', 'prog.rsrec'], dir);
    expect(made.code).toBe(0);
    events = (await openRun(path.join(dir, 'prog.rsrec'))).log.length;
    server = await RefscopeServer.start({ port: 0, dir, token: 'sesame' });
    url = server.url;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('lists the sessions and exits 0', async () => {
    const r = await refscope(['attach', url, '--token', 'sesame'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`s1 +recorded +done +${events} events  prog\\.rsrec`));
    expect(r.stdout).toContain('attach to one with --session ID');
  });

  it('prints the plain view of a recorded session', async () => {
    const r = await refscope(['attach', url, '--token', 'sesame', '--session', 's1'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`session s1 at ${url}: done, ${events} events`);
    expect(r.stdout).toContain(`event ${events - 1}/${events}`);
  });

  it('starts a program with --run, waits for its end and prints the view with its source', async () => {
    const r = await refscope(['attach', url, '--token', 'sesame', '--run', 'prog.py'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The server (in this process) runs it under the engine as prog.py; the same run here.
    const e = new Engine(readFileSync(path.join(dir, 'prog.py'), 'utf8'), { filename: 'prog.py' });
    e.run();
    const n = e.log.length;
    expect(r.stdout).toMatch(new RegExp(`session s\\d+ at .*: done, ${n} events`));
    expect(r.stdout).toContain(`event ${n - 1}/${n}`);
    expect(r.stdout).toContain('print("collected by gc.collect():", gc.collect())');
  });

  it('prints an unfinished session as it was when listed, without waiting for an end that may never come', async () => {
    const c = await LiveClient.connect(url, { token: 'sesame' });
    try {
      // Paused after three lines, so the test does not race a program producing a million events a second.
      const id = await c.run('forever.py', 'n = 0\nwhile True:\n    n += 1\n', { paused: true });
      for (let k = 0; k < 3; k++) await c.step(id, 'line');
      const r = await refscope(['attach', url, '--token', 'sesame', '--session', id], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const m = new RegExp(`^session ${id} at .*: paused, (\\d+) events$`, 'm').exec(r.stdout);
      expect(m).not.toBeNull();
      const n = Number(m![1]);
      expect(r.stdout).toContain(`event ${n - 1}/${n}`);
      await c.stop(id);
    } finally {
      c.close();
    }
  });

  it('refuses, in one line and exit 1: no token, a wrong token, an unknown session, an unreachable server', async () => {
    let r = await refscope(['attach', url], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `refscope: ${url} needs a token: give it with --token\n`]);
    r = await refscope(['attach', url, '--token', 'nope'], dir);
    expect([r.code, r.stderr]).toEqual([1, `refscope: ${url} refused the token\n`]);
    r = await refscope(['attach', url, '--token', 'sesame', '--session', 's42'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^refscope: ${url} has no session 's42' \\(it has s1(, s\\d+)*\\)\\n$`));
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    r = await refscope(['attach', `ws://127.0.0.1:${port}`], dir);
    expect([r.code, r.stderr]).toEqual([1, `refscope: cannot reach ws://127.0.0.1:${port}: ECONNREFUSED\n`]);
    r = await refscope(['attach', 'http://127.0.0.1:1'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a server address');
  });
});
