// Every program in programs/ prints under the Engine exactly what python3 (CPython 3.11) prints:
// stdout, stderr and the exit status, run as a file the way check.sh runs conformance cases. Each
// program exercises one corner of the memory model that an earlier version got wrong; the
// expected output is never stored, it is python3's, computed when the test runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../packages/engine/src/index.js';
import { hasPython } from '../modules/harness.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'programs');
const programs = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();
const work = mkdtempSync(path.join(tmpdir(), 'refscope-fidelity-'));

function pinnedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON') && v !== undefined) env[k] = v;
  return { ...env, PYTHONHASHSEED: '0', PYTHONUTF8: '1', PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' };
}

describe.skipIf(!hasPython)('programs print what python3 prints', () => {
  for (const name of programs) {
    it(name, () => {
      const source = readFileSync(path.join(dir, name), 'utf8');
      const file = path.join(work, name);
      writeFileSync(file, source);
      const py = spawnSync('python3', [file], { cwd: work, encoding: 'utf8', env: pinnedEnv(), input: '' });
      let stdout = '';
      let stderr = '';
      const engine = new Engine(source, { filename: file, displayPath: file, onStdout: (t) => (stdout += t), onStderr: (t) => (stderr += t) });
      while (!engine.finished) engine.run({ steps: 100_000 });
      expect(stdout).toBe(py.stdout);
      expect(stderr).toBe(py.stderr);
      expect(engine.exitCode ?? 0).toBe(py.status);
    });
  }
});
if (!hasPython) describe('programs print what python3 prints', () => it.skip('python3 3.11 is not available: nothing to compare with', () => {}));
