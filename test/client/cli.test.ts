import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { readRecording } from '@refscope/engine';
import { engineRuns, ensureBuilt, python, refscope, tempDir } from './helpers.js';

let dir: string;
let runs = false;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  writeFileSync(path.join(dir, 'small.py'), 'x = [1, 2]\ny = {"a": x}\nprint(len(y["a"]))\n');
  writeFileSync(path.join(dir, 'boom.py'), 'def f(d):\n    return 1 / d\n\nprint(f(0))\n');
  runs = engineRuns();
  if (!runs) console.warn('test/client: the engine does not run programs yet; output-vs-python3 checks are skipped');
});

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);

describe('usage and help', () => {
  it('prints the usage on stderr and exits 2 without a command', () => {
    const r = refscope([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: refscope <command>/);
    expect(r.stderr).toContain('run [options] <file>');
    expect(r.stderr).toContain('events [options] <file>');
  });

  it.each([[['--help']], [['help']], [['run', '--help']], [['events', '--help']], [['help', 'events']]])(
    '%j prints help on stdout and exits 0',
    (args) => {
      const r = refscope(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: refscope/);
      expect(r.stderr).toBe('');
    },
  );

  it('prints its version', () => {
    expect(refscope(['--version'])).toEqual({ status: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['run', 'a.py', 'b.py'], 'too many arguments'],
    [['run'], "missing required argument 'file'"],
    [['events'], "missing required argument 'file'"],
    [['run', 'x.py', '--nope'], "unknown option '--nope'"],
    [['events', 'x.py', '--max-steps', 'ten'], 'expected a positive whole number'],
    [['run', 'x.py', '--max-steps', '0'], 'expected a positive whole number'],
    [['run', 'x.py', '--record'], "argument missing"],
  ])('%j is a usage error: message and usage on stderr, exit 2', (args, message) => {
    const r = refscope(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage: refscope');
    noStackTrace(r.stderr);
  });
});

describe('unreadable input', () => {
  it('names a missing file in one line and exits 1', () => {
    const r = refscope(['run', 'no_such_file.py'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`refscope: can't open file '${dir}/no_such_file.py': No such file or directory\n`);
  });

  it('names a directory given as the program', () => {
    mkdirSync(path.join(dir, 'adir'), { recursive: true });
    const r = refscope(['events', 'adir'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`'${dir}/adir'`);
  });

  it('reports an unwritable recording path without a stack trace', () => {
    const r = refscope(['run', 'small.py', '--record', path.join(dir, 'missing-dir', 'out.rfs')], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cannot write recording');
    noStackTrace(r.stderr);
  });

  it('reports an unreadable file (permissions) when not running as root', () => {
    if (process.getuid?.() === 0) return; // root reads everything; nothing to check here
    const f = path.join(dir, 'secret.py');
    writeFileSync(f, 'print(1)\n');
    chmodSync(f, 0o000);
    const r = refscope(['run', 'secret.py'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Permission denied');
  });
});

describe('run --record and events', () => {
  it('writes a recording that reads back with the program name, source and every event', () => {
    const out = path.join(dir, 'small.rfs');
    const r = refscope(['run', 'small.py', '--record', out], dir);
    expect([0, 1]).toContain(r.status);
    const rec = readRecording(readFileSync(out));
    expect(rec.lost).toBeNull();
    expect(rec.index).toBe('ok');
    expect(rec.header.program).toBe('small.py');
    expect(rec.header.source).toBe(readFileSync(path.join(dir, 'small.py'), 'utf8'));
    const json = refscope(['events', 'small.py', '--json'], dir);
    const lines = json.stdout.split('\n').filter((l) => l !== '');
    expect(rec.log.length).toBe(lines.length);
    expect(json.status).toBe(r.status);
  });

  it('records a program that raised, and records identically twice', () => {
    const a = path.join(dir, 'boom1.rfs');
    const b = path.join(dir, 'boom2.rfs');
    const r1 = refscope(['run', 'boom.py', '--record', a], dir);
    const r2 = refscope(['run', 'boom.py', '--record', b], dir);
    expect(r1.status).toBe(1);
    expect(r2).toEqual(r1);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readRecording(readFileSync(a)).header.program).toBe('boom.py');
  });

  it('records a run long enough for the 100 ms flushes identically twice (blocks are cut by event count only)', () => {
    writeFileSync(path.join(dir, 'long.py'), 'x = []\nfor i in range(120000):\n    x.append([i])\n    if i % 500 == 0:\n        x = []\nprint("done")\n');
    const a = path.join(dir, 'long1.rfs');
    const b = path.join(dir, 'long2.rfs');
    expect(refscope(['run', 'long.py', '--record', a], dir).status).toBe(0);
    expect(refscope(['run', 'long.py', '--record', b], dir).status).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const rec = readRecording(readFileSync(a));
    expect(rec.lost).toBeNull();
    expect(rec.log.length).toBeGreaterThan(1_000_000);
  });

  it('reads source bytes as python3 does: a BOM dropped, non-UTF-8 and NUL bytes refused with its SyntaxError', () => {
    const files: Record<string, number[]> = {
      'bom.py': [0xef, 0xbb, 0xbf, ...Buffer.from('print("bom")\n')],
      'latin.py': [...Buffer.from('x = 1\ny = "'), 0xe9, ...Buffer.from('"\n')],
      'nul.py': [...Buffer.from('x = 1\nz = "'), 0x00, ...Buffer.from('"\n')],
      'both.py': [0x00, 0x01, 0xff, ...Buffer.from(' junk\n')],
    };
    for (const [name, bytes] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), Buffer.from(bytes));
      const got = refscope(['run', name], dir);
      const want = python(name, dir);
      if (want === null) continue;
      expect({ name, ...got }).toEqual({ name, ...want });
    }
  });

  it('events --json prints one parseable event a line, numbered from 0', () => {
    const r = refscope(['events', 'small.py', '--json'], dir);
    const events = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { i: number; kind: string });
    events.forEach((e, k) => {
      expect(e.i).toBe(k);
      expect(typeof e.kind).toBe('string');
    });
  });

  it('events prints readable lines: index, line, kind', () => {
    const r = refscope(['events', 'small.py'], dir);
    for (const l of r.stdout.split('\n').filter((x) => x !== '')) expect(l).toMatch(/^#\d+ line \d+ {2}[a-z_]+ {2}/);
  });
});

describe('against python3', () => {
  it('prints what python3 prints, and its traceback with the absolute path', ({ skip }) => {
    if (!runs) skip('the engine does not run programs yet');
    for (const f of ['small.py', 'boom.py']) {
      const want = python(f, dir);
      if (!want) skip('python3 is not installed');
      expect(refscope(['run', f], dir)).toEqual(want);
    }
  });
});
