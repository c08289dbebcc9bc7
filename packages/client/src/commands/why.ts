// `refscope why LOG OBJ [--at N]`: the chain of references keeping an object alive.
import type { WhyAlive } from '@refscope/engine';
import { eventIndex, objectNumber, openRun } from '../open.js';
import { out, flushAll } from '../output.js';

export interface WhyOptions {
  at?: string;
  json?: boolean;
}

export async function whyCommand(file: string, obj: string, opts: WhyOptions): Promise<number> {
  const n = objectNumber(obj);
  const run = await openRun(file);
  const i = eventIndex(opts.at, run.log.length);
  const why = i < 0 ? { obj: n, index: -1, alive: false, root: null, path: [] } : run.timeline.whyAlive(n, i);
  out.write(opts.json ? JSON.stringify(why) + '\n' : whyText(why));
  flushAll();
  return 0;
}

export function whyText(w: WhyAlive): string {
  if (!w.alive) return `#${w.obj} is not alive after event ${w.index}\n`;
  if (!w.root) return `#${w.obj} is alive after event ${w.index} but unreachable: garbage awaiting a collection\n`;
  const r = w.root;
  const root = r.kind === 'global' ? `the globals of module #${r.module ?? r.obj}`
    : r.kind === 'local' || r.kind === 'stack' ? `a ${r.kind} of frame ${r.frame}`
    : r.kind === 'interpreter' ? `the interpreter (via #${r.obj})`
    : `a ${r.kind} reference`;
  let text = `#${w.obj} is alive after event ${w.index}, held from ${root}:\n`;
  w.path.forEach((step, k) => {
    const slot = step.slot === null ? '' : typeof step.slot === 'number' ? `[${step.slot}]` : ` '${step.slot}'`;
    // The first step of a global chain is the global variable itself.
    const how = k === 0 && r.kind === 'global' && typeof step.slot === 'string' ? `global '${step.slot}'` : `${step.holder}${slot}`;
    text += `  → #${step.obj} ${step.type}  (${how})\n`;
  });
  return text;
}
