// `refscope serve` as a command: it prints the real port once bound, serves, and stops on SIGTERM;
// a non-loopback host without a token is a usage error (exit 2).
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from './helpers.js';

const cli = fileURLToPath(new URL('../../packages/client/src/cli.ts', import.meta.url));

function serve(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', `import(${JSON.stringify(cli)}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(['serve', ...args])}); })`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /listening on (ws:\/\/\S+)\n/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
  });
  return { child, listening, exited, stderr: () => stderr };
}

describe('refscope serve (command)', () => {
  it('prints the port it bound and answers on it', async () => {
    const s = serve(['--port', '0']);
    try {
      const url = await s.listening;
      expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toBe('ws://127.0.0.1:0');
      const c = await Client.connect(url);
      expect(await c.request({ type: 'list', id: 1 })).toEqual({ type: 'sessions', sessions: [], id: 1 });
      c.ws.terminate();
    } finally {
      s.child.kill('SIGTERM');
    }
    expect(await s.exited).toBe(0);
  });

  it('--max-live bounds the live programs running at once: a run beyond them is refused as busy', async () => {
    const s = serve(['--port', '0', '--max-live', '1']);
    try {
      const url = await s.listening;
      const c = await Client.connect(url);
      const loop = 'while True:\n    pass\n';
      expect(await c.request({ type: 'run', name: 'a.py', source: loop, paused: true, id: 1 })).toMatchObject({ type: 'started', id: 1 });
      expect(await c.request({ type: 'run', name: 'b.py', source: loop, paused: true, id: 2 })).toMatchObject({ type: 'error', code: 'busy', id: 2 });
      c.ws.terminate();
    } finally {
      s.child.kill('SIGTERM');
    }
  });

  it('refuses a non-loopback host without a token', async () => {
    const s = serve(['--host', '0.0.0.0', '--port', '0']);
    s.listening.catch(() => {});
    expect(await s.exited).toBe(2);
    expect(s.stderr()).toMatch(/requires a token/);
  });
});
