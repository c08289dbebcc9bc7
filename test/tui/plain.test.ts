// `refscope tui` with stdout piped: the built command prints the panels once as plain text and
// exits 0. Expected values come from a recording the built command made of the same program
// (read in-process), so they are the built engine's, even while the source tree moves on.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, refscope, tempDir } from '../client/helpers.js';
import type { Opened } from '../../packages/client/src/open.js';
import { Inspector } from '../../packages/client/src/tui/inspect.js';
import { openRun } from '../../packages/client/src/open.js';
import { allocsOf, firstLineEvent, TWO_NODE } from './fixture.js';

let run: Opened;
let ins: Inspector;
let rec: string;

beforeAll(async () => {
  ensureBuilt();
  rec = path.join(tempDir(), 'two.rsrec');
  expect(refscope(['run', TWO_NODE, '--record', rec]).status).toBe(0);
  run = await openRun(rec);
  ins = new Inspector(run.timeline);
});

describe('refscope tui, stdout not a terminal', () => {
  it('prints every panel at the last event, without escape codes, and exits 0', () => {
    const r = refscope(['tui', TWO_NODE]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const last = run.log.length - 1;
    const s = ins.state(last);
    expect(r.stdout).not.toMatch(/\x1b/);
    expect(r.stdout).toContain(`event ${last}/${run.log.length}  line ${s.line}`);
    expect(r.stdout).toMatch(new RegExp(`^>${s.line} print\\("collected`, 'm'));
    expect(r.stdout).toContain(`heap · ${s.objects} objects, ${s.bytes} bytes · sort size`);
    expect(r.stdout).toMatch(new RegExp(`gen0\\s+${s.gc.count[0]}/700 .* ${s.gc.collections[0]} runs`));
    expect(r.stdout).toContain(`allocator · ${s.alloc.arenaCount} arenas`);
    expect(r.stdout).toContain(`peak ${run.timeline.memory().peak.bytes} B`);
    expect(r.stdout).toContain(`> #${last} line ${s.line}  exit  status 0`);
  });

  it('--at and --object: the nodes while named, with the object panel and why it is alive', () => {
    const [a, b] = allocsOf(run.log, 'Node');
    const lines = run.source.split('\n');
    const at = firstLineEvent(run.log, lines.findIndex((l) => l.startsWith('del a, b')) + 1);
    const r = refscope(['tui', rec, '--at', String(at), '--object', `#${a!.id}`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`event ${at}/${run.log.length}  line 20`);
    expect(r.stdout).toMatch(/^>20 del a, b$/m);
    expect(r.stdout).toContain(`object #${a!.id}`);
    expect(r.stdout).toMatch(new RegExp(`Node#${a!.id} rc=2 gen`));
    expect(r.stdout).toContain(`attr 'partner' of Node#${b!.id}`);
    expect(r.stdout).toContain(`→ #${a!.id} Node  (global 'a')`);
  });

  it('opens a recording the same way, and refuses an event outside it', () => {
    const r = refscope(['tui', rec, '--at', '100']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`event 100/${run.log.length}  line ${ins.state(100).line}`);
    const bad = refscope(['tui', rec, '--at', String(run.log.length)]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`outside the recording's events 0..${run.log.length - 1}`);
  });

  it('--help lists the keys', () => {
    const r = refscope(['tui', '--help']);
    expect(r.status).toBe(0);
    for (const k of ['← →', 'n N', 'c C', 'g G', ': N', '/ text', 'w W', 'y ', 'space', 'q ']) expect(r.stdout).toContain(k);
  });
});
