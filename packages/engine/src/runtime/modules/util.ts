// Small helpers shared by the builtin modules.
import { PyBuiltin, PyFunction, PyMethod, PyMethodDescr, PyType, type PyObject } from '../object.js';
import type { Runtime } from '../runtime.js';
import { lookup } from '../ops.js';

/** callable(o) as the builtin answers it. */
export function callable(_rt: Runtime, o: PyObject): boolean {
  if (o instanceof PyFunction || o instanceof PyBuiltin || o instanceof PyMethod || o instanceof PyMethodDescr || o instanceof PyType) return true;
  return lookup(o.type, '__call__') !== null;
}
