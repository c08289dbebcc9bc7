// `refscope run FILE.py [--record OUT] [--max-steps N] [--story]`
import { execute } from '../execute.js';
import { out, flushAll } from '../output.js';
import { loadProgram } from '../program.js';
import { Recorder } from '../recorder.js';
import { tellStory } from '../story.js';

export interface RunOptions {
  record?: string;
  maxSteps?: number;
  story?: boolean;
}

export async function runCommand(file: string, opts: RunOptions): Promise<number> {
  const program = loadProgram(file);
  // Opened before the run, written during it, ended whatever the program's fate: a run that
  // raised or ran out of steps is the one worth replaying.
  const recorder = opts.record === undefined ? undefined : new Recorder(opts.record, { program: program.filename, source: program.source });
  const { log, status } = await execute(program, { maxSteps: opts.maxSteps, observer: recorder });
  recorder?.end();
  if (opts.story) {
    out.write('\n' + tellStory(log, program.source, program.filename));
    flushAll();
  }
  return status;
}
