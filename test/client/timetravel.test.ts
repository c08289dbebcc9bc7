// The time-travel commands (replay, why, history, stats, diff) on recordings the built command
// wrote, checked against the run's own event stream and, where it applies, python3.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readRecording } from '@refscope/engine';
import { encodeRecording } from '../../packages/client/src/recording.js';
import { bin, ensureBuilt, pinnedEnv, python, refscope, tempDir } from './helpers.js';

const CYCLE = 'import gc\nclass Node:\n    pass\na = Node()\nb = Node()\na.other = b\nb.other = a\ndel a, b\nprint(gc.collect())\n';
/** The same program with b pointing at itself instead of at a: the same code, a different heap from line 7. */
const CHAIN = CYCLE.replace('b.other = a\n', 'b.other = b\n');
/** Enough events for several blocks of the recording (8192 events each). */
const LOOP = 'x = []\nfor i in range(3000):\n    x.append([i])\nprint(len(x))\n';

interface Ev { i: number; kind: string; obj?: number; type?: string; line?: number }

let dir: string;
let events: Ev[];
let rec: string;

const json = <T>(text: string): T => JSON.parse(text) as T;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  writeFileSync(path.join(dir, 'cycle.py'), CYCLE);
  // Two directories with names of one length, so __file__ strings are of one size too.
  for (const [sub, src] of [['one', CYCLE], ['two', CHAIN]] as const) {
    mkdirSync(path.join(dir, sub));
    writeFileSync(path.join(dir, sub, 'cycle.py'), src);
    expect(refscope(['run', 'cycle.py', '--record', 'cycle.rsrec'], path.join(dir, sub)).status).toBe(0);
  }
  writeFileSync(path.join(dir, 'loop.py'), LOOP);
  rec = path.join(dir, 'cycle.rsrec');
  const r = refscope(['run', 'cycle.py', '--record', rec], dir);
  expect(r.status).toBe(0);
  events = refscope(['events', 'cycle.py', '--json'], dir).stdout.split('\n').filter(Boolean).map((l) => json<Ev>(l));
});

const nodes = () => events.filter((e) => e.kind === 'alloc' && e.type === 'Node').map((e) => e.obj!);
const lineEvent = (line: number) => events.find((e) => e.kind === 'line' && e.line === line)!.i;

describe('run --record', () => {
  it('writes a complete v2 recording: every event, the index, the program and its source', () => {
    const r = readRecording(readFileSync(rec));
    expect(r.lost).toBeNull();
    expect(r.index).toBe('ok');
    expect(r.header.program).toBe('cycle.py');
    expect(r.header.source).toBe(CYCLE);
    expect(r.log.length).toBe(events.length);
  });

  it('a full disk is reported in one line after the run, exit 1', ({ skip }) => {
    if (!existsSync('/dev/full')) skip('no /dev/full on this system');
    const r = refscope(['run', 'cycle.py', '--record', '/dev/full'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('2\n');
    expect(r.stderr).toBe("refscope: cannot write recording '/dev/full': ENOSPC: no space left on device, write\n");
  });
});

describe('replay', () => {
  it('--json gives the contracts.md summary of the last event', () => {
    const r = refscope(['replay', rec, '--json'], dir);
    expect(r.status).toBe(0);
    const s = json<{ index: number; total: number; stdout: string; gc: { threshold: number[]; collections: number[] } }>(r.stdout);
    expect(s.index).toBe(events.length - 1);
    expect(s.total).toBe(events.length);
    expect(s.stdout).toBe(python('cycle.py', dir)?.stdout ?? '2\n');
    expect(s.gc.threshold).toEqual([700, 10, 10]);
    expect(s.gc.collections[2]).toBeGreaterThanOrEqual(1);
  });

  it('--at N shows the state after event N; outside 0..total-1 exits 1 naming the range', () => {
    const at = lineEvent(9);
    const s = json<{ index: number; line: number; stdout: string }>(refscope(['replay', rec, '--at', String(at), '--json'], dir).stdout);
    expect(s).toMatchObject({ index: at, line: 9, stdout: '' });
    const r = refscope(['replay', rec, '--at', String(events.length)], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`0..${events.length - 1}`);
  });

  it('--show heap lists both nodes while the cycle is alive; an unknown --show is a usage error', () => {
    const r = refscope(['replay', rec, '--at', String(lineEvent(9)), '--show', 'heap'], dir);
    for (const n of nodes()) expect(r.stdout).toMatch(new RegExp(`#${n} Node rc=1 `));
    expect(refscope(['replay', rec, '--show', 'nope'], dir).status).toBe(2);
  });
});

describe('why and history', () => {
  it('follows the cycle: held by a global, then unreachable garbage, then gone', () => {
    const [a] = nodes();
    const held = refscope(['why', rec, `#${a}`, '--at', String(lineEvent(8))], dir);
    expect(held.status).toBe(0);
    expect(held.stdout).toMatch(new RegExp(`held from the globals of module #\\d+:\\n  → #${a} Node  \\(global 'a'\\)\\n$`));
    expect(refscope(['why', rec, String(a), '--at', String(lineEvent(9))], dir).stdout).toContain('unreachable');
    expect(refscope(['why', rec, String(a)], dir).stdout).toContain('is not alive');
  });

  it('history tells the allocation line and the free', () => {
    const [a] = nodes();
    const free = events.find((e) => e.kind === 'free' && e.obj === a)!.i;
    const h = json<{ type: string; allocLine: number; freeEvent: number }>(refscope(['history', rec, `#${a}`, '--json'], dir).stdout);
    expect(h).toMatchObject({ type: 'Node', allocLine: 4, freeEvent: free });
    expect(refscope(['history', rec, String(a)], dir).stdout).toMatch(new RegExp(`^#${a} Node: allocated at event \\d+, line 4; freed at event ${free}`));
    expect(refscope(['history', rec, 'x1'], dir).status).toBe(2);
  });
});

describe('stats', () => {
  it('counts the two nodes and the collections', () => {
    const s = json<{ events: number; byType: { key: string; objects: number }[]; collections: number[] }>(
      refscope(['stats', rec, '--json'], dir).stdout,
    );
    expect(s.events).toBe(events.length);
    expect(s.byType.find((g) => g.key === 'Node')?.objects).toBe(2);
    expect(s.collections[2]).toBeGreaterThanOrEqual(1);
    expect(refscope(['stats', rec], dir).stdout).toContain('collections per generation');
  });
});

describe('diff', () => {
  it('a run against itself is identical (exit 0, also with --exit-code)', () => {
    const r = refscope(['diff', rec, 'cycle.py', '--json', '--exit-code'], dir);
    expect(r.status).toBe(0);
    expect(json<{ identical: boolean; firstDivergence: unknown }>(r.stdout)).toMatchObject({ identical: true, firstDivergence: null });
  });

  it('two programs first diverge at the changed line; --exit-code exits 1', () => {
    const r = refscope(['diff', 'one/cycle.rsrec', 'two/cycle.rsrec', '--json', '--exit-code'], dir);
    expect(r.status).toBe(1);
    const d = json<{ identical: boolean; firstDivergence: { index: number; a: { line: number }; b: { line: number } } }>(r.stdout);
    expect(d.identical).toBe(false);
    expect(d.firstDivergence.a.line).toBe(7);
    expect(d.firstDivergence.b.line).toBe(7);
    expect(d.firstDivergence.index).toBeGreaterThan(lineEvent(7));
    expect(refscope(['diff', 'one/cycle.rsrec', 'two/cycle.rsrec'], dir).stdout).toMatch(/^first divergence at event \d+:\n  a: line 7: /);
  });
});

describe('damaged recordings', () => {
  it('a cut recording opens with a warning and exit 0, keeping its whole blocks', () => {
    const full = path.join(dir, 'loop.rsrec');
    expect(refscope(['run', 'loop.py', '--record', full], dir).status).toBe(0);
    const bytes = readFileSync(full);
    const whole = readRecording(bytes);
    expect(whole.blocks.length).toBeGreaterThan(1);
    const cutAt = whole.blocks[1]!.offset + 10;
    const cut = path.join(dir, 'cut.rsrec');
    writeFileSync(cut, bytes.subarray(0, cutAt));
    const r = refscope(['replay', cut, '--json'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: .*cut short/);
    expect(json<{ total: number }>(r.stdout).total).toBe(whole.blocks[1]!.firstEvent);
  });

  it('a foreign or corrupt file is refused naming the byte offset (exit 1)', () => {
    const foreign = path.join(dir, 'foreign.rsrec');
    writeFileSync(foreign, 'hello, world\n');
    const r = refscope(['stats', foreign], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/at byte \d+/);
    const bytes = Buffer.from(readFileSync(rec));
    bytes[20] ^= 0xff; // inside the header, under its checksum
    const bad = path.join(dir, 'bad.rsrec');
    writeFileSync(bad, bytes);
    const b = refscope(['replay', bad], dir);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/at byte 16/);
  });
});

describe('a killed recording', () => {
  it('opens: every block written before the kill is read back', async () => {
    writeFileSync(path.join(dir, 'forever.py'), 'x = []\nwhile True:\n    x.append([1])\n    if len(x) > 1000:\n        x = []\n');
    const out = path.join(dir, 'forever.rsrec');
    const child = spawn(process.execPath, [bin, 'run', 'forever.py', '--record', out], { cwd: dir, env: pinnedEnv(), stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('close', resolve));
    // Wait until the recorder has written some blocks (the run never ends on its own).
    let written = 0;
    for (let tries = 0; tries < 400 && written === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      try {
        written = readRecording(readFileSync(out)).log.length;
      } catch {
        written = 0; // not even the header yet
      }
    }
    child.kill('SIGKILL');
    await exited;
    expect(written).toBeGreaterThan(0);
    const r = refscope(['replay', out, '--json'], dir);
    expect(r.status).toBe(0);
    expect(json<{ total: number }>(r.stdout).total).toBeGreaterThanOrEqual(written);
  }, 30_000);
});

describe('older recordings', () => {
  it('a format v1 file is still read by the time-travel commands', () => {
    const { log } = readRecording(readFileSync(rec));
    const v1 = path.join(dir, 'cycle.v1.rsrec');
    writeFileSync(v1, encodeRecording({ program: 'cycle.py', source: CYCLE, log }));
    const r = refscope(['replay', v1, '--json'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(refscope(['replay', rec, '--json'], dir).stdout);
  });
});
