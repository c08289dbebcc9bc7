// Running a program through the Engine, streaming what it prints.
import { Engine } from '@refscope/engine';
import { out, printError, flushAll } from './output.js';
import type { Program } from './program.js';

/** Instructions per run() slice: output is flushed between slices, so it appears as it is written. */
const SLICE = 200_000;

export interface Execution {
  engine: Engine;
  /** The process exit status: the Engine's, or 1 when the step budget ran out. */
  status: number;
}

export interface ExecuteOptions {
  maxSteps?: number;
  /** Show the program's stdout (events --json prints events instead). */
  echoStdout?: boolean;
}

export function execute(program: Program, opts: ExecuteOptions = {}): Execution {
  const echo = opts.echoStdout ?? true;
  const engine = new Engine(program.source, {
    filename: program.filename,
    displayPath: program.displayPath,
    ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}),
    onStdout: echo ? (text) => out.write(text) : undefined,
    onStderr: (text) => printError(text),
  });
  let reason = engine.run({ steps: SLICE });
  while (!engine.finished && reason === 'steps') {
    out.flush();
    reason = engine.run({ steps: SLICE });
  }
  flushAll();
  if (engine.finished) return { engine, status: engine.exitCode ?? 1 };
  printError(`refscope: stopped after the step budget of ${opts.maxSteps ?? 2e9} instructions\n`);
  return { engine, status: 1 };
}
