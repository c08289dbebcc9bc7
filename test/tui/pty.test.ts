// The real `refscope` command in a pseudo-terminal (tmux): a recording made with
// `refscope run --record`, a real `refscope serve`, keys typed, the screen read. Every expected
// value is read from the same recording by the engine in this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventKind, firstDivergence } from '@refscope/engine';
import { openRun, type Opened } from '../../packages/client/src/open.js';
import { Inspector } from '../../packages/client/src/tui/inspect.js';
import { whyLines } from '../../packages/client/src/tui/view.js';
import { LiveClient } from '../../packages/client/src/tui/live/client.js';
import { allocsOf, TWO_NODE } from './fixture.js';
import { CLI, K, Pane, ptyUnavailable } from './pty.js';

const unavailable = ptyUnavailable();
if (unavailable) console.warn(`test/tui/pty.test.ts: ${unavailable}`);

let dir = '';
let rec = '';
let run: Opened;
let ins: Inspector;
let pane: Pane | null = null;

const open = (argv: string[], columns = 80, rows = 24, env?: Record<string, string>): Pane =>
  (pane = Pane.start(['node', CLI, ...argv], { columns, rows, cwd: dir, env }));

const at = (i: number): string => `event ${i}/${run.log.length}  line ${ins.state(i).line}`;

describe.skipIf(unavailable !== null)(`the terminal debugger in a pseudo-terminal${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'refscope-pty-'));
    copyFileSync(TWO_NODE, path.join(dir, 'prog.py'));
    rec = path.join(dir, 'prog.rsrec');
    execFileSync('node', [CLI, 'run', 'prog.py', '--record', rec], { cwd: dir, stdio: 'ignore' });
    run = await openRun(rec);
    ins = new Inspector(run.timeline);
  });

  afterEach(() => {
    pane?.kill();
    pane = null;
  });

  it('opens a recording at 80×24 and steps, goes to the start, jumps with :', async () => {
    const p = open(['tui', 'prog.rsrec']);
    const n = run.log.length;
    const first = await p.until(at(n - 1));
    expect(first.split('\n')[0]).toContain('prog.py');
    for (const row of first.split('\n')) expect([...row].length).toBeLessThanOrEqual(80);
    p.keys('g');
    await p.until(at(0));
    p.keys(K.right, K.right);
    await p.until(at(2));
    p.keys('n');
    await p.until(at(run.timeline.nextLine(2)!));
    p.keys(':');
    p.text('42');
    p.keys(K.enter);
    await p.until(at(42));
    p.keys('c');
    const gc = run.timeline.nextCollection(42)!;
    expect(run.log.kind(gc)).toBe(EventKind.GcStop);
    await p.until(at(gc));
  });

  it('searches with / at 160×48', async () => {
    const p = open(['tui', 'prog.rsrec', '--at', '0'], 160, 48);
    await p.until(at(0));
    p.keys('/');
    p.text('gc_start');
    p.keys(K.enter);
    const hit = ins.search('gc_start', 0, run.log.length - 1)!;
    expect(run.log.kind(hit)).toBe(EventKind.GcStart);
    const s = await p.until(at(hit));
    expect(s).toContain(`#${hit} line ${ins.lineOf(hit)}  gc_start`);
  });

  it('watches a selected object with w and asks why it is alive with y', async () => {
    // After `b.partner = a` (line 19 starts): both nodes alive, each held by a global and the other.
    const line19 = findLine(19);
    const p = open(['tui', 'prog.rsrec', '--at', String(line19)]);
    await p.until(at(line19));
    p.keys('f');
    p.text('Node');
    p.keys(K.enter);
    await p.until('showing Node objects only');
    p.keys(K.down);
    const node = ins.heapRows(line19, 'size', 'Node')[0]!;
    expect(allocsOf(run.log, 'Node').map((x) => x.id)).toContain(node);
    p.keys('w');
    const change = run.timeline.nextChange(node, line19)!;
    await p.until(at(change));
    p.keys('y');
    const why = whyLines(ins, node, change);
    await p.until(why[0]!.trim().slice(0, 40));
  });

  it('shows two runs side by side with --diff, the divergence marked, synced by line', async () => {
    // Both runs recorded by the command itself, so the expected values come from what it ran.
    writeFileSync(path.join(dir, 'b.py'), readFileSync(TWO_NODE, 'utf8').replace('b.partner = a', 'b.partner = None'));
    execFileSync('node', [CLI, 'run', 'b.py', '--record', 'b.rsrec'], { cwd: dir, stdio: 'ignore' });
    const a = run;
    const b = await openRun(path.join(dir, 'b.rsrec'));
    const d = firstDivergence(a.log, b.log);
    const p = open(['tui', '--diff', 'prog.rsrec', 'b.rsrec']);
    let s = await p.until(`first divergence at event ${d}`);
    expect(s).toContain(`event ${d}/${a.log.length}`);
    expect(s).toContain(`event ${d}/${b.log.length}`);
    expect(s).toMatch(/>≠#\d+ line/);
    p.keys('g');
    s = await p.until(`event 0/${a.log.length}`);
    expect(s).toContain(`event 0/${b.log.length}`);
    p.keys('d');
    await p.until((x) => x.includes(`event ${d}/${a.log.length}`) && x.includes(`event ${d}/${b.log.length}`));
  });

  it('leaves the terminal as it found it after q: main screen, cursor shown, same tty modes', async () => {
    const p = (pane = Pane.start(['bash', '--norc', '--noprofile'], { columns: 80, rows: 24, cwd: dir }));
    await p.until(/[$#] *$/m);
    p.text("PS1='READY$ '");
    p.keys(K.enter);
    await p.until(/^READY\$ *$/m);
    p.text(`stty -g > before.txt; node ${CLI} tui prog.rsrec`);
    p.keys(K.enter);
    await p.until(at(run.log.length - 1));
    expect(p.format('#{alternate_on}')).toBe('1');
    p.keys('q');
    await p.until((s) => (s.match(/^READY\$/gm) ?? []).length >= 2);
    expect(p.format('#{alternate_on}')).toBe('0');
    expect(p.format('#{cursor_flag}')).toBe('1');
    // The answer is a line of its own; the typed command (echoed, maybe wrapped) never matches it.
    p.text('stty -g > after.txt; echo "tty:$(cmp -s before.txt after.txt && echo same || echo changed)"');
    p.keys(K.enter);
    const s = await p.until(/^tty:(same|changed)$/m);
    expect(s).toMatch(/^tty:same$/m);
  });
});

/** The N of the header's `event i/N`, or -1. */
function total(screen: string): number {
  const m = /event -?\d+\/(\d+)/.exec(screen);
  return m ? Number(m[1]) : -1;
}

/** The first Line event of `line`. */
function findLine(line: number): number {
  for (let i = 0; i < run.log.length; i++) if (run.log.kind(i) === EventKind.Line && run.log.get(i).a === line) return i;
  throw new Error(`line ${line} never ran`);
}

// A program that runs until paused: the loop never ends on its own within the test.
const FOREVER = 'total = 0\nwhile True:\n    x = [total]\n    total += 1\n';

describe.skipIf(unavailable !== null)(`attach in a pseudo-terminal${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let server: ChildProcess | null = null;
  let url = '';
  let sdir = '';

  beforeAll(async () => {
    sdir = mkdtempSync(path.join(tmpdir(), 'refscope-pty-serve-'));
    writeFileSync(path.join(sdir, 'forever.py'), FOREVER);
    // A recording in the server's directory: session s1.
    copyFileSync(rec, path.join(sdir, 'prog.rsrec'));
    server = spawn('node', [CLI, 'serve', '--port', '0', '--dir', sdir], { cwd: sdir, stdio: ['ignore', 'pipe', 'inherit'] });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /listening on (ws:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server!.once('exit', (code) => reject(new Error(`refscope serve exited (${code}) before listening: ${out}`)));
    });
  });

  afterEach(() => {
    pane?.kill();
    pane = null;
  });

  afterAll(() => {
    if (server?.pid !== undefined && server.exitCode === null) server.kill('SIGTERM');
  });

  it('offers the sessions in a picker and attaches to the chosen one', async () => {
    const p = (pane = Pane.start(['node', CLI, 'attach', url], { columns: 80, rows: 24, cwd: sdir }));
    const list = await p.until(/▶ s1 +recorded +done +\d+ events  prog\.rsrec/);
    expect(list).toContain(`sessions at ${url}`);
    p.keys(K.enter);
    const n = run.log.length;
    const s = await p.until(`event ${n - 1}/${n}`);
    expect(s.split('\n')[0]).toContain('prog.rsrec');
    expect(s).toContain('# source not available');
    p.keys('g');
    await p.until(`event 0/${n}`);
    p.keys('q');
    await p.until(() => p.format('#{pane_dead}') === '1');
    expect(p.format('#{alternate_on}')).toBe('0');
  });

  it('attaches to a live run it starts paused, steps it with > and ., resumes and pauses it with p, stops it on q', async () => {
    const p = (pane = Pane.start(['node', CLI, 'attach', url, '--run', 'forever.py', '--paused'], { columns: 80, rows: 24, cwd: sdir }));
    await p.until('[paused]');
    const c = await LiveClient.connect(url, { reconnect: false });
    const info = async () => (await c.list()).find((x) => x.name === 'forever.py' && !x.done)!;
    try {
      const session = await info();
      expect(session).toMatchObject({ kind: 'live', paused: true });
      // A step by line: the program runs to the first line and stays paused; the screen shows it.
      p.keys('>');
      let s = await p.until(/event \d+\/\d+  line 1\b/);
      expect(s.split('\n')[0]).toContain('forever.py');
      expect(s.split('\n')[0]).toContain('[paused]');
      const stepped = (await info()).events;
      await p.until(`event ${stepped - 1}/${stepped}`);
      // A step by event: at least one event more, still paused.
      p.keys('.');
      s = await p.until((x) => total(x) > stepped);
      expect(s).toContain('[paused]');
      expect(await info()).toMatchObject({ paused: true });
      // p resumes (the cursor follows the end), p pauses again.
      p.keys('p');
      await p.until('[following]');
      expect(await info()).toMatchObject({ paused: false });
      p.keys('p');
      await p.until('[paused]');
      expect(await info()).toMatchObject({ paused: true, done: false });
      // Quitting stops the program this attach started.
      p.keys('q');
      await p.until(() => p.format('#{pane_dead}') === '1');
      expect((await c.list()).find((x) => x.id === session.id)).toMatchObject({ done: true });
    } finally {
      c.close();
    }
  });
});
