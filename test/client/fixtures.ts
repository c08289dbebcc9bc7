// Hand-built event logs, written the way the engine records programs, for tests that must not
// wait for the interpreter.
import { EventLog, EventKind, Holder, GcPhase } from '@refscope/engine';

export const TWO_NODE_SOURCE = [
  'import gc', // 1
  'class Node: pass', // 2
  'a = Node()', // 3
  'b = Node()', // 4
  'a.partner = b', // 5
  'b.partner = a', // 6
  'del a, b', // 7
  'print(gc.collect())', // 8
].join('\n') + '\n';

/** The two-node cycle of TWO_NODE_SOURCE: Node#10 and Node#11, module#2 with globals dict#1, class Node#5. */
export function twoNodeLog(): EventLog {
  const log = new EventLog();
  const s = (x: string) => log.str(x);
  log.push(EventKind.FrameEnter, 0, s('<module>'), 1);
  log.push(EventKind.Line, 1, 0);
  log.push(EventKind.Alloc, 1, s('dict'), 64, -1);
  log.push(EventKind.Alloc, 2, s('module'), 72, -1); // __main__, whose __dict__ is dict#1
  log.push(EventKind.Incref, 1, Holder.Field, 2, s('__dict__'));
  log.push(EventKind.Decref, 1, Holder.Temp, -1, -1);
  log.push(EventKind.Line, 2, 0);
  log.push(EventKind.Alloc, 5, s('type'), 1072, -1);
  log.push(EventKind.Incref, 5, Holder.Value, 1, s('Node'));
  log.push(EventKind.Decref, 5, Holder.Temp, -1, -1);
  for (const [line, id, name] of [[3, 10, 'a'], [4, 11, 'b']] as const) {
    log.push(EventKind.Line, line, 0);
    log.push(EventKind.Alloc, id, s('Node'), 56, 5);
    log.push(EventKind.Track, id, 0);
    log.push(EventKind.Incref, id, Holder.Value, 1, s(name));
    log.push(EventKind.Decref, id, Holder.Temp, -1, -1);
  }
  log.push(EventKind.Line, 5, 0);
  log.push(EventKind.Incref, 11, Holder.Attr, 10, s('partner'));
  log.push(EventKind.Line, 6, 0);
  log.push(EventKind.Incref, 10, Holder.Attr, 11, s('partner'));
  log.push(EventKind.Line, 7, 0);
  log.push(EventKind.Decref, 10, Holder.Value, 1, s('a'));
  log.push(EventKind.Decref, 11, Holder.Value, 1, s('b'));
  log.push(EventKind.Line, 8, 0);
  log.push(EventKind.GcStart, 2, 0, 0, 0);
  log.push(EventKind.GcPhase, GcPhase.MoveUnreachable, 2);
  log.push(EventKind.Unreachable, 10);
  log.push(EventKind.Unreachable, 11);
  log.push(EventKind.GcPhase, GcPhase.DeleteGarbage, 2);
  log.push(EventKind.Decref, 11, Holder.Attr, 10, s('partner'));
  log.push(EventKind.Free, 11);
  log.push(EventKind.Decref, 10, Holder.Attr, 11, s('partner'));
  log.push(EventKind.Free, 10);
  log.push(EventKind.GcStop, 2, 2, 0);
  log.push(EventKind.Stdout, s('2\n'));
  log.push(EventKind.FrameExit, 0);
  log.push(EventKind.Exit, 0);
  return log;
}
