// `refscope run FILE.py [--record OUT] [--max-steps N] [--story]`
import { execute } from '../execute.js';
import { out, flushAll } from '../output.js';
import { loadProgram } from '../program.js';
import { Recorder } from '../recorder.js';
import { tellStory } from '../story.js';
import type { EventLog } from '@refscope/engine';
import type { RunObserver } from '../execute.js';

export interface RunOptions {
  record?: string;
  maxSteps?: number;
  story?: boolean;
}

export async function runCommand(file: string, opts: RunOptions): Promise<number> {
  const program = loadProgram(file);
  // Opened before the run, written during it, ended whatever the program's fate: a run that
  // raised or ran out of steps is the one worth replaying.
  // Without --story nothing reads the events back, so the recorder lets the log drop them once written.
  const recorder =
    opts.record === undefined
      ? undefined
      : new Recorder(opts.record, { program: program.filename, source: program.source }, { discard: !opts.story });
  const observer = recorder ?? (opts.story ? undefined : forgetEvents());
  const { log, status } = await execute(program, { maxSteps: opts.maxSteps, observer });
  await recorder?.end();
  if (opts.story) {
    out.write('\n' + tellStory(log, program.source, program.filename));
    flushAll();
  }
  return status;
}

/** A plain run keeps no events: the log drops them slice by slice, so memory stays flat. */
function forgetEvents(): RunObserver {
  let log: EventLog | null = null;
  return {
    start: (l) => void (log = l),
    slice: () => log?.discard(log.length),
  };
}
