// Runs a Python program through the Engine and through python3 (the oracle), for comparison.
import { spawnSync } from 'node:child_process';
import { Engine } from '../../packages/engine/src/engine.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** The program's output under refscope's Engine. */
export function runEngine(source: string, filename = 'prog.py'): RunResult {
  let stdout = '';
  let stderr = '';
  const engine = new Engine(source, {
    filename,
    displayPath: '/tmp/' + filename,
    onStdout: (t) => (stdout += t),
    onStderr: (t) => (stderr += t),
  });
  while (!engine.finished) engine.run({ steps: 100000 });
  return { stdout, stderr, code: engine.exitCode ?? 1 };
}

const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2])'], { encoding: 'utf8' });
/** python3 is CPython 3.11 on this machine (the oracle the tests compare against). */
export const hasPython = probe.status === 0 && probe.stdout.trim() === '(3, 11)';

/** The program's output under python3, with the environment conformance cases pin. */
export function runPython(source: string): RunResult {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON') && v !== undefined) env[k] = v;
  Object.assign(env, { PYTHONHASHSEED: '0', PYTHONUTF8: '1', PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' });
  const r = spawnSync('python3', ['-S', '-c', source], { encoding: 'utf8', env });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 1 };
}
