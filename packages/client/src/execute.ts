// Running a program through the Engine, streaming what it prints.
import { Engine, EventLog } from '@refscope/engine';
import { out, printError, flushAll } from './output.js';
import type { Program } from './program.js';

/** Instructions per run() slice: output is flushed between slices, so it appears as it is written. */
const SLICE = 200_000;
const DEFAULT_MAX_STEPS = 2e9;

export interface Execution {
  /** The run's events: the engine's log, or an empty one if the engine could not even start. */
  log: EventLog;
  /** The process exit status: the Engine's, or 1 when the step budget ran out or the engine failed. */
  status: number;
}

export interface ExecuteOptions {
  maxSteps?: number;
  /** Show the program's stdout (`events` prints events instead). */
  echoStdout?: boolean;
  /** Told of the log when the engine starts and again after every slice (a recorder writes its blocks). */
  observer?: RunObserver;
}

export interface RunObserver {
  /** The observer hands the log's pages to another thread: the engine allocates them shared. */
  readonly sharedEvents?: boolean;
  start(log: EventLog): void;
  slice(): void;
}

/**
 * Runs the program to its end. Never throws for what happens inside the engine: an internal
 * failure is reported in one line and the run's events so far are kept, so a recording is
 * still written.
 */
export async function execute(program: Program, opts: ExecuteOptions = {}): Promise<Execution> {
  const echo = opts.echoStdout ?? true;
  let engine: Engine;
  try {
    engine = new Engine(program.source, {
      filename: program.filename,
      displayPath: program.displayPath,
      ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}),
      ...(opts.observer?.sharedEvents ? { sharedEvents: true } : {}),
      ...(echo ? { onStdout: (text: string) => out.write(text) } : {}),
      onStderr: (text) => printError(text),
    });
  } catch (err) {
    internalError(err);
    return { log: new EventLog(), status: 1 };
  }
  // Between slices the event loop turns, so Ctrl-C stops the run and the caller still writes
  // the recording of everything up to that point.
  opts.observer?.start(engine.log);
  let interrupted = false;
  const onInterrupt = () => (interrupted = true);
  process.once('SIGINT', onInterrupt);
  try {
    let reason = engine.run({ steps: SLICE });
    while (!engine.finished && reason === 'steps' && !interrupted) {
      out.flush();
      opts.observer?.slice();
      await new Promise((resolve) => setImmediate(resolve));
      if (!interrupted) reason = engine.run({ steps: SLICE });
    }
  } catch (err) {
    internalError(err);
    return { log: engine.log, status: 1 };
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  flushAll();
  if (interrupted && !engine.finished) {
    printError('refscope: interrupted\n');
    return { log: engine.log, status: 1 };
  }
  if (engine.finished) return { log: engine.log, status: engine.exitCode ?? 1 };
  printError(`refscope: stopped after the step budget of ${opts.maxSteps ?? DEFAULT_MAX_STEPS} instructions\n`);
  return { log: engine.log, status: 1 };
}

function internalError(err: unknown): void {
  flushAll();
  printError(`refscope: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
}
