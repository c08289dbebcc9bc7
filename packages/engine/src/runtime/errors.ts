// Raising Python exceptions from native code.
import { Holder } from '../events/kinds.js';
import { PyBaseException, PyStr, type PyObject, type PyType } from './object.js';
import { PyThrow, type Runtime } from './runtime.js';
import { PyValueError } from '../values/errors.js';

/** Exception sizes by type name (sys.getsizeof), base 88. */
const EXC_SIZES: Record<string, number> = {
  UnboundLocalError: 96, NameError: 96, AttributeError: 104, StopIteration: 96, SystemExit: 96,
  ImportError: 112, ModuleNotFoundError: 112, OSError: 128, SyntaxError: 152,
};

export function exceptionSize(type: PyType): number {
  for (const t of type.mro) {
    const s = EXC_SIZES[t.name];
    if (s !== undefined && !t.heap) return s + (type.heap ? 0 : 0);
  }
  return 88;
}

/** A new exception instance of `type` with the given args (references stolen). */
export function newException(rt: Runtime, type: PyType, args: PyObject[]): PyBaseException {
  const e = rt.alloc(new PyBaseException(), type, exceptionSize(type), true);
  e.args = rt.tuple(args);
  rt.give(e.args, Holder.Field, e.id, rt.str('args'));
  rt.track(e);
  return e;
}

/** Builds a PyThrow for `raise TypeName(message)`. */
export function err(rt: Runtime, typeName: string, message?: string): PyThrow {
  const type = rt.t[typeName];
  if (type === undefined) throw new Error(`no exception type ${typeName}`);
  const args: PyObject[] = message === undefined ? [] : [rt.newStr(message)];
  return new PyThrow(newException(rt, type, args));
}

/**
 * Runs a values/ function (pure Python semantics over JS values), turning the PyValueError it
 * throws into the Python exception it names.
 */
export function liftValues<T>(rt: Runtime, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PyValueError) throw err(rt, e.pyType, e.message);
    throw e;
  }
}

export function isStrObj(o: PyObject): o is PyStr {
  return o instanceof PyStr;
}
