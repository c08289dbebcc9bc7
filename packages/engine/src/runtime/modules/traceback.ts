// traceback: the text of an exception as the interpreter prints it (vm/traceback.ts formats
// both), for a program that catches an exception and prints or keeps its traceback. CPython's
// module is Python that builds TracebackException and FrameSummary objects on the way; here the
// text comes straight from the engine's formatter, so those passing objects are not simulated.
// limit= and chain=False are refused rather than ignored.
import { PyBaseException, PyNone, type PyModule, type PyObject } from '../object.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err } from '../errors.js';
import { call, getattr } from '../ops.js';
import { excLine, formatException } from '../../vm/traceback.js';
import { parseArgs } from '../types.js';

/** The lines between chained exceptions, kept whole (one string of format_exception's list). */
const SEPARATOR = /(\nThe above exception was the direct cause of the following exception:\n\n|\nDuring handling of the above exception, another exception occurred:\n\n)/;

export function makeTracebackModule(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('traceback');

  /** The whole text: chained exceptions first, then this one's frames and its line. */
  const text = (exc: PyObject | null): string =>
    exc instanceof PyBaseException ? formatException(rt, exc, proc.files()) : 'NoneType: None\n';
  /** format_exception's list: one string per header, frame and exception line. */
  const chunks = (s: string): string[] => {
    const out: string[] = [];
    for (const piece of s.split(SEPARATOR)) {
      if (piece.startsWith('\nThe above') || piece.startsWith('\nDuring handling')) {
        out.push(piece);
        continue;
      }
      for (const line of piece.split(/(?<=\n)/)) {
        if (line === '') continue;
        if (line.startsWith('    ') && out.length > 0 && out[out.length - 1]!.startsWith('  File ')) out[out.length - 1] += line;
        else out.push(line);
      }
    }
    return out;
  };
  const defaultsOnly = (name: string, limit: PyObject | null, chain: PyObject | null): void => {
    if (limit !== null && !(limit instanceof PyNone)) throw err(rt, 'NotImplementedError', `traceback.${name}(limit=...) is not supported by refscope`);
    if (chain !== null && chain !== rt.True) throw err(rt, 'NotImplementedError', `traceback.${name}(chain=False) is not supported by refscope`);
  };
  const write = (s: string, file: PyObject | null): void => {
    if (file === null || file instanceof PyNone) {
      proc.writeStderr(s);
      return;
    }
    const w = getattr(rt, file, 'write');
    const arg = rt.newStr(s);
    try {
      rt.tempDecref(call(rt, w, [arg]));
    } finally {
      rt.tempDecref(arg);
      rt.tempDecref(w);
    }
  };
  /** The exception of print_exception/format_exception: (exc) or the old (type, value, tb). */
  const excArg = (args: PyObject[]): PyObject | null => {
    const first = args[0] ?? null;
    if (first instanceof PyBaseException) return first;
    const value = args[1] ?? null;
    return value instanceof PyBaseException ? value : null;
  };

  proc.defFn(m, 'format_exc', (args, kw) => {
    const [limit, chain] = parseArgs(rt, 'format_exc', args, kw, ['limit', 'chain'], 0);
    defaultsOnly('format_exc', limit, chain);
    return rt.newStr(text(proc.vm.topmostExc()));
  });
  proc.defFn(m, 'print_exc', (args, kw) => {
    const [limit, file, chain] = parseArgs(rt, 'print_exc', args, kw, ['limit', 'file', 'chain'], 0);
    defaultsOnly('print_exc', limit, chain);
    write(text(proc.vm.topmostExc()), file);
    return rt.none();
  });
  proc.defFn(m, 'format_exception', (args, kw) => {
    const [exc, value, tb, limit, chain] = parseArgs(rt, 'format_exception', args, kw, ['exc', 'value', 'tb', 'limit', 'chain'], 1);
    defaultsOnly('format_exception', limit, chain);
    return rt.newList(chunks(text(excArg([exc!, value!, tb!]))).map((s) => rt.newStr(s)));
  });
  proc.defFn(m, 'print_exception', (args, kw) => {
    const [exc, value, tb, limit, file, chain] = parseArgs(rt, 'print_exception', args, kw, ['exc', 'value', 'tb', 'limit', 'file', 'chain'], 1);
    defaultsOnly('print_exception', limit, chain);
    write(text(excArg([exc!, value!, tb!])), file);
    return rt.none();
  });
  proc.defFn(m, 'format_exception_only', (args, kw) => {
    const [exc, value] = parseArgs(rt, 'format_exception_only', args, kw, ['exc', 'value'], 1);
    const e = excArg([exc!, value!]);
    return rt.newList([rt.newStr(e instanceof PyBaseException ? excLine(rt, e) + '\n' : 'NoneType: None\n')]);
  });
  return m;
}
