// The engine's entry point: one simulated CPython 3.11 process running one program.
//
// An Engine is a resumable stepper. `run()` executes until the program ends or a stop
// condition is met (a step budget, a line, an event index, a collection) and can be called
// again to go on; live pause/step/breakpoints in the server are built on it. Everything the
// program does to memory is appended to `log` as it happens.
//
// PLACEHOLDER: the interpreter lands in runtime/ and vm/; until then run() reports the program
// as unsupported. The shape of this class is the contract the client and server code against.
import { EventLog } from './events/log.js';

export interface EngineOptions {
  /** The program's name as given (`x.py`); it is recorded, never resolved against the host. */
  filename: string;
  /** The path printed in tracebacks (CPython prints the absolute path of the script). Defaults to filename. */
  displayPath?: string;
  /** Stop a runaway program after this many bytecode instructions (default 2e9). */
  maxSteps?: number;
  /** Called with each piece of text the program writes to stdout, as it is written. */
  onStdout?: (text: string) => void;
  /** Called with each piece of text written to stderr (tracebacks, warnings). */
  onStderr?: (text: string) => void;
}

/** When run() should return before the program ends. All fields are optional. */
export interface RunLimit {
  /** Execute at most this many more bytecode instructions. */
  steps?: number;
  /** Stop when a new source line starts executing on this line number (a breakpoint). */
  line?: number;
  /** Stop once the log holds more than this event index (so event `event` exists). */
  event?: number;
  /** Stop after the next collection ends. */
  collection?: boolean;
  /** Stop when the next Line event is emitted (step by line). */
  nextLine?: boolean;
}

export type StopReason = 'done' | 'steps' | 'line' | 'event' | 'collection' | 'budget';

export class Engine {
  readonly log = new EventLog();
  /** The process exit status once finished: 0, or 1 after an uncaught exception / refused program. */
  exitCode: number | null = null;
  private out = '';
  private err = '';

  constructor(
    readonly source: string,
    readonly options: EngineOptions,
  ) {}

  get finished(): boolean {
    return this.exitCode !== null;
  }

  /** Everything written to stdout so far. */
  get stdout(): string {
    return this.out;
  }

  /** Everything written to stderr so far. */
  get stderr(): string {
    return this.err;
  }

  run(_limit: RunLimit = {}): StopReason {
    if (this.finished) return 'done';
    const msg = 'NotImplementedError: the interpreter is not built yet\n';
    this.err += msg;
    this.options.onStderr?.(msg);
    this.exitCode = 1;
    return 'done';
  }
}
