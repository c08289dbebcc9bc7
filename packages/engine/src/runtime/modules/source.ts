// Modules written in Python. CPython builds weakref's dictionaries, finalize, functools.wraps and
// friends in Python (Lib/*.py), so their objects (the internal dicts, KeyedRefs, closures) are
// real objects with real counts. We do the same: the module's source is compiled by our own
// compiler and run in the module's namespace on first import, in a nested interpreter loop.
import { parse } from '../../python/index.js';
import { compileModule } from '../../compiler/index.js';
import { dictGet, dictSet } from '../dict.js';
import type { PyModule } from '../object.js';
import type { Process } from '../../vm/process.js';

/** Runs `source` in module `m`'s namespace as if it were the file `filename`. */
export function execModuleSource(proc: Process, m: PyModule, source: string, filename: string): void {
  const rt = proc.rt;
  const code = compileModule(parse(source, filename), { filename, source });
  proc.sources.set(filename, source.split('\n'));
  if (dictGet(m.dict, '__builtins__') === null) {
    const k = rt.intern('__builtins__');
    dictSet(rt, m.dict, k, '__builtins__', proc.builtins);
    rt.tempDecref(k);
  }
  const c = proc.loadCode(code, false);
  const f = proc.vm.newFrame(c, null, m.dict, proc.builtins.dict, m.dict);
  try {
    rt.tempDecref(proc.vm.runNested(f));
  } finally {
    rt.tempDecref(c);
  }
}

/** Registers a module made by running Python source on first import. */
export function defineSourceModule(proc: Process, name: string, source: string, before?: (m: PyModule) => void): void {
  proc.moduleMakers.set(name, () => {
    const m = proc.newModule(name);
    before?.(m);
    execModuleSource(proc, m, source, `/usr/lib/python3.11/${name}.py`);
    return m;
  });
}
