// Running the built `refscope` command the way a user (and check.sh) does.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = path.join(root, 'packages/client/bin/refscope.js');
const dist = path.join(root, 'packages/client/dist/cli.js');

/** `npm test` builds first; a bare `vitest run` builds here if the bundle is missing. */
export function ensureBuilt(): void {
  if (!existsSync(dist)) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** check.sh's environment: no PYTHON* variables, then the four it pins. */
export function pinnedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON')) env[k] = v;
  return { ...env, PYTHONHASHSEED: '0', PYTHONUTF8: '1', PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' };
}

export function refscope(args: string[], cwd: string = root): Result {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: pinnedEnv(), input: '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function refscopeAsync(args: string[], cwd: string, timeoutMs = 20_000): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: pinnedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'refscope-test-'));
}

/** python3 (the oracle) when it is installed, else null. */
export function python(file: string, cwd: string): Result | null {
  const r = spawnSync('python3', [file], { cwd, encoding: 'utf8', env: pinnedEnv(), input: '' });
  if (r.error) return null;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Whether the engine runs programs yet: `print(6 * 7)` must print 42. */
export function engineRuns(): boolean {
  const dir = tempDir();
  const file = path.join(dir, 'probe.py');
  writeFileSync(file, 'print(6 * 7)\n');
  const r = refscope(['run', file]);
  return r.status === 0 && r.stdout === '42\n';
}
