// `refscope events FILE.py [--json]`: the event stream, one event a line.
import {
  applyEvent, createHeapState, eventToJSON, EventKind, type EventLog, type EventRecord,
} from '@refscope/engine';
import { describeEvent, noteGlobals } from '../describe.js';
import { execute } from '../execute.js';
import { out, flushAll } from '../output.js';
import { loadProgram } from '../program.js';

export interface EventsOptions {
  json?: boolean;
  maxSteps?: number;
}

export async function eventsCommand(file: string, opts: EventsOptions): Promise<number> {
  const program = loadProgram(file);
  const { log, status } = await execute(program, { maxSteps: opts.maxSteps, echoStdout: false });
  printEvents(log, opts.json ?? false);
  return status;
}

export function printEvents(log: EventLog, json: boolean): void {
  const strings = log.strings;
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  if (json) {
    for (let i = 0; i < log.length && !out.gone; i++) out.write(JSON.stringify(eventToJSON(i, log.read(i, e), strings)) + '\n');
  } else {
    // The reducer runs alongside so each line can name types and show the refcount after the event.
    const state = createHeapState();
    const globals = new Set<number>();
    for (let i = 0; i < log.length && !out.gone; i++) {
      log.read(i, e);
      const line = state.line;
      noteGlobals(globals, state, e, strings);
      applyEvent(state, e, strings);
      out.write(describeEvent(i, e.kind === EventKind.Line ? e.a : line, e, state, strings, globals) + '\n');
    }
  }
  flushAll();
}
