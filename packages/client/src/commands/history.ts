// `refscope history LOG OBJ [--json]`: one object's life, event by event.
import { objectNumber, openRun } from '../open.js';
import { out, flushAll } from '../output.js';

export interface HistoryOptions {
  json?: boolean;
}

export async function historyCommand(file: string, obj: string, opts: HistoryOptions): Promise<number> {
  const n = objectNumber(obj);
  const run = await openRun(file);
  const h = run.timeline.history(n);
  if (opts.json) {
    out.write(JSON.stringify(h) + '\n');
  } else if (h.events.length === 0) {
    out.write(`#${n}: no events in this recording\n`);
  } else {
    const born = h.allocEvent === null ? 'before the recording' : `at event ${h.allocEvent}, line ${h.allocLine}`;
    const died = h.freeEvent === null ? 'still alive at the end' : `freed at event ${h.freeEvent}`;
    out.write(`#${n} ${h.type}: allocated ${born}; ${died}\n`);
    for (const e of h.events) {
      const { i: _i, kind, ...fields } = e.event as { i: number; kind: string } & Record<string, unknown>;
      out.write(`  ${String(e.i).padStart(8)}  line ${String(e.line).padStart(4)}  rc=${e.rc}  ${kind} ${JSON.stringify(fields)}\n`);
    }
  }
  flushAll();
  return 0;
}
