// `refscope run FILE.py [--record OUT] [--max-steps N] [--story]`
import { execute } from '../execute.js';
import { out, flushAll } from '../output.js';
import { loadProgram } from '../program.js';
import { writeRecording } from '../recording.js';
import { tellStory } from '../story.js';

export interface RunOptions {
  record?: string;
  maxSteps?: number;
  story?: boolean;
}

export async function runCommand(file: string, opts: RunOptions): Promise<number> {
  const program = loadProgram(file);
  const { log, status } = await execute(program, { maxSteps: opts.maxSteps });
  // Written whatever the program's fate: a run that raised or ran out of steps is the one worth replaying.
  if (opts.record !== undefined) {
    writeRecording(opts.record, { program: program.filename, source: program.source, log });
  }
  if (opts.story) {
    out.write('\n' + tellStory(log, program.source, program.filename));
    flushAll();
  }
  return status;
}
