// The engine's entry point: one simulated CPython 3.11 process running one program.
//
// An Engine is a resumable stepper. `run()` executes until the program ends or a stop
// condition is met (a step budget, a line, an event index, a collection) and can be called
// again to go on; live pause/step/breakpoints in the server are built on it. Everything the
// program does to memory is appended to `log` as it happens.
import { EventLog } from './events/log.js';
import { EventKind } from './events/kinds.js';
import type { CodeObject } from './compiler/code.js';
import { Process } from './vm/process.js';
import { BudgetExceeded, Exit } from './vm/interp.js';
import { PyThrow } from './runtime/runtime.js';

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
  /** Run this code object instead of compiling `source` (tests feed code CPython compiled). */
  code?: CodeObject;
  /** Keep the log's pages in SharedArrayBuffers (EventLog), for a recorder on another thread. */
  sharedEvents?: boolean;
}

/** When run() should return before the program ends. All fields are optional. */
export interface RunLimit {
  /** Execute at most this many more bytecode instructions. */
  steps?: number;
  /** Stop when a new source line starts executing on this line number (a breakpoint). */
  line?: number;
  /** Stop when a new source line starts executing on any of these line numbers (breakpoints). */
  lines?: ReadonlySet<number>;
  /** Stop once the log holds more than this event index (so event `event` exists). */
  event?: number;
  /** Stop after the next collection ends. */
  collection?: boolean;
  /** Stop when the next Line event is emitted (step by line). */
  nextLine?: boolean;
}

/** One object the collector tracks, as the live runtime sees it (Engine.trackedObjects). */
export interface TrackedObject {
  /** The object number events name it by. */
  id: number;
  type: string;
  rc: number;
  /** sys.getsizeof */
  size: number;
  /** 0..2, or 3 for the permanent generation (gc.freeze). */
  gen: number;
}

export type StopReason = 'done' | 'steps' | 'line' | 'event' | 'collection' | 'budget';

export class Engine {
  readonly log: EventLog;
  /** The process exit status once finished: 0, or 1 after an uncaught exception / refused program. */
  exitCode: number | null = null;
  private readonly proc: Process;
  private started = false;

  constructor(
    readonly source: string,
    readonly options: EngineOptions,
  ) {
    this.log = new EventLog({ shared: options.sharedEvents === true });
    this.proc = new Process(this.log, options.displayPath ?? options.filename);
    this.proc.onStdout = options.onStdout ?? null;
    this.proc.onStderr = options.onStderr ?? null;
    this.proc.vm.maxSteps = options.maxSteps ?? 2e9;
    this.proc.vm.hardMax = options.maxSteps ?? 2e9;
  }

  get finished(): boolean {
    return this.exitCode !== null;
  }

  /** Everything written to stdout so far. */
  get stdout(): string {
    return this.proc.stdoutText;
  }

  /** Everything written to stderr so far. */
  get stderr(): string {
    return this.proc.stderrText;
  }

  /**
   * Every object the cyclic collector tracks right now (program objects only; objects that exist
   * before the program starts are left out), read from the runtime itself rather than the log:
   * the reference the reducer's state is checked against.
   */
  trackedObjects(): TrackedObject[] {
    const rt = this.proc.rt;
    const out: TrackedObject[] = [];
    for (const o of rt.gc.getObjects()) {
      if (o.immortal) continue;
      out.push({ id: o.id, type: o.type.name, rc: o.rc, size: rt.sizeOf(o), gen: o.gcGen });
    }
    return out;
  }

  /** Bytecode instructions executed so far. */
  get steps(): number {
    return this.proc.vm.steps;
  }

  run(limit: RunLimit = {}): StopReason {
    if (this.finished) return 'done';
    const proc = this.proc;
    const vm = proc.vm;
    if (!this.started) {
      this.started = true;
      const ok = this.options.code !== undefined ? proc.startCode(this.options.code, this.options.filename) : proc.start(this.source, this.options.filename);
      if (!ok) return this.finish(1);
    }
    let reason: StopReason = 'steps';
    const stepLimit = limit.steps !== undefined ? vm.steps + limit.steps : Infinity;
    const eventLimit = limit.event;
    // Only a line limit needs a call at each new line; without one the loop skips the check.
    vm.onLine =
      limit.nextLine || limit.line !== undefined || limit.lines !== undefined
        ? (line) => {
            if (limit.nextLine) {
              reason = 'line';
              return true;
            }
            if ((limit.line !== undefined && line === limit.line) || limit.lines?.has(line) === true) {
              reason = 'line';
              return true;
            }
            return false;
          }
        : null;
    const savedMax = vm.maxSteps;
    const collections0 = limit.collection ? this.collections() : 0;
    try {
      for (;;) {
        if (vm.current === null) break;
        // Run in slices so the step/event limits are checked without a per-instruction callback.
        const budget = Math.min(stepLimit, savedMax);
        if (vm.steps >= stepLimit) return 'steps';
        if (eventLimit !== undefined && this.log.length > eventLimit) return 'event';
        if (limit.collection && this.collections() !== collections0) return 'collection';
        const single = eventLimit !== undefined || limit.collection === true;
        vm.maxSteps = Math.min(budget, single ? vm.steps + 1 : budget);
        try {
          const exit = vm.loop(vm.current, false);
          if (exit === Exit.Yield) return reason; // paused at a line
          if (exit === Exit.Budget) {
            const f = vm.current!;
            if (this.budgetSpent(f.code.positions[f.lasti * 4]!, savedMax)) return this.finish(1, 'budget');
            if (vm.steps >= stepLimit) return 'steps';
            continue;
          }
          break; // the module returned
        } catch (e) {
          if (e instanceof BudgetExceeded) {
            if (this.budgetSpent(e.line, savedMax)) return this.finish(1, 'budget');
            if (vm.steps >= stepLimit) return 'steps';
            continue;
          }
          if (e instanceof PyThrow) {
            const code = proc.reportUncaught(e);
            proc.shutdown(e.exc);
            return this.finish(code);
          }
          throw e;
        }
      }
    } finally {
      vm.maxSteps = savedMax;
      vm.onLine = null;
    }
    const r = vm.result;
    vm.result = null;
    if (r !== null) proc.rt.tempDecref(r);
    proc.shutdown();
    return this.finish(0);
  }

  /**
   * The loop stopped at its step limit, before the instruction at `line`: true when that was the
   * run's whole budget (reported on stderr); otherwise the instruction is set to run next time.
   */
  private budgetSpent(line: number, max: number): boolean {
    const vm = this.proc.vm;
    if (vm.steps > vm.hardMax) {
      this.proc.writeStderr(`refscope: the step budget of ${max} instructions ran out at line ${line}\n`);
      return true;
    }
    vm.steps--;
    const f = vm.current!;
    f.pc = f.lasti;
    return false;
  }

  /** Collections run so far (all generations). */
  private collections(): number {
    let n = 0;
    const e = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
    for (let i = this.scanFrom; i < this.log.length; i++) {
      this.log.read(i, e);
      if (e.kind === EventKind.GcStop) this.gcStops++;
    }
    this.scanFrom = this.log.length;
    n = this.gcStops;
    return n;
  }

  private scanFrom = 0;
  private gcStops = 0;

  private finish(code: number, reason: StopReason = 'done'): StopReason {
    this.log.push(EventKind.Exit, code);
    this.exitCode = code;
    return reason;
  }
}
