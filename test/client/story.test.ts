import { describe, expect, it } from 'vitest';
import { EventLog, EventKind, Holder } from '@refscope/engine';
import { tellStory } from '../../packages/client/src/story.js';
import { TWO_NODE_SOURCE, twoNodeLog } from './fixtures.js';

describe('tellStory', () => {
  it('narrates the two-node cycle from its events', () => {
    const story = tellStory(twoNodeLog(), TWO_NODE_SOURCE, 'cycle.py');
    const lines = story.split('\n');
    expect(lines[0]).toMatch(/^The story of cycle\.py, told from its \d+ events:$/);
    expect(story).toContain('line 3: a = Node()\n    allocated Node#10 (56 bytes)\n    Node#10 refcount 0 → 1 (+global \'a\')');
    expect(story).toContain("line 5: a.partner = b\n    Node#11 refcount 1 → 2 (+attr 'partner' of Node#10)");
    expect(story).toContain("line 7: del a, b\n    Node#10 refcount 2 → 1 (−global 'a')\n    Node#11 refcount 2 → 1 (−global 'b')");
    expect(story).toContain('Node#10 and Node#11 are left at refcount 1 each');
    expect(story).toContain('line 8: print(gc.collect())\n    a generation-2 collection found 2 objects unreachable (Node#10 and Node#11) and freed them: 2 collected, 0 uncollectable');
    expect(lines.at(-2)).toBe('In the end: 5 objects allocated, 3 still alive; collections by generation: 0, 0, 1; 2 of the 2 objects followed here freed.');
  });

  it('follows what collections found while the program ran, not what shutdown tears down', () => {
    const base = twoNodeLog();
    const log = new EventLog();
    for (const t of base.strings) log.str(t);
    for (let i = 0; i < base.length - 1; i++) {
      const e = base.get(i);
      log.push(e.kind, e.a, e.b, e.c, e.d); // everything up to the module frame's exit
    }
    log.push(EventKind.GcStart, 2, 0, 0, 0); // the collection at interpreter shutdown
    log.push(EventKind.Unreachable, 1);
    log.push(EventKind.Unreachable, 5);
    log.push(EventKind.GcStop, 2, 2, 0);
    log.push(EventKind.Exit, 0);
    const story = tellStory(log, TWO_NODE_SOURCE, 'cycle.py');
    expect(story).toContain('Node#10 and Node#11 are left at refcount 1 each');
    expect(story).not.toContain('dict#1 refcount');
  });

  it('without a cycle, follows instances of the program\'s classes and says refcounting freed them', () => {
    const log = new EventLog();
    log.push(EventKind.Line, 1, 0);
    log.push(EventKind.Alloc, 3, log.str('C'), 56, 2);
    log.push(EventKind.Incref, 3, Holder.Value, 1, log.str('x'));
    log.push(EventKind.Decref, 3, Holder.Temp, -1, -1);
    log.push(EventKind.Line, 2, 0);
    log.push(EventKind.Decref, 3, Holder.Value, 1, log.str('x'));
    log.push(EventKind.Free, 3);
    const story = tellStory(log, 'x = C()\ndel x\n', 'p.py');
    expect(story).toContain("line 2: del x\n    C#3 refcount 1 → 0 (−value of #1 'x')\n    reference counting freed C#3 (refcount 0)");
    expect(story).not.toContain('left at refcount');
    expect(story.endsWith('The run was stopped before the program ended.\n')).toBe(true);
    log.push(EventKind.Exit, 1);
    expect(tellStory(log, 'x = C()\ndel x\n', 'p.py')).toContain('The program ended with exit status 1: it raised');
  });

  it('says when nothing was recorded', () => {
    expect(tellStory(new EventLog(), 'pass\n', 'p.py')).toBe('The story of p.py, told from its 0 events:\n  Nothing was recorded: the program did not get to run.\n');
  });

  it('says so when there is nothing to follow', () => {
    const log = new EventLog();
    log.push(EventKind.Line, 1, 0);
    expect(tellStory(log, 'pass\n', 'p.py')).toContain('reference counting freed everything');
  });
});
