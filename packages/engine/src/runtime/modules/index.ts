// The builtin modules beyond sys/gc/builtins: registered as makers run on first import.
import type { Process } from '../../vm/process.js';
import type { PyModule } from '../object.js';
import { execModuleSource } from './source.js';
import { installAtexit } from './atexit.js';
import { WEAKREF_SOURCE } from './weakref.py.js';
import { installCallables } from './callables.js';
import { defineSourceModule } from './source.js';
import { FUNCTOOLS_SOURCE } from './functools.py.js';
import { makeCollectionsModule } from './collections.js';
import { makeIoModule } from './io.js';
import { makeItertoolsModule } from './itertools.js';
import { installMoreMethods } from '../types/methods.js';
import { installCallConventions } from '../tpcall.js';
import { COPY_SOURCE } from './copy.py.js';
import { makeMathModule } from './math.js';
import { makeOperatorModule } from './operator.js';
import { HEAPQ_SOURCE, makeHeapqNative } from './heapq.js';
import { makeBisectModule } from './bisect.js';
import { makeRandomNative } from './random.js';
import { RANDOM_SOURCE } from './random.py.js';
import { ABC_SOURCE, makeAbcNative } from './abc.js';
import { makeTimeModule } from './time.js';
import { TYPES_SOURCE } from './types.py.js';
import { CONTEXTLIB_SOURCE } from './contextlib.py.js';
import { STRING_SOURCE } from './string.py.js';
import { DATACLASSES_SOURCE } from './dataclasses.py.js';
import { ENUM_SOURCE } from './enum.py.js';
import { TYPING_SOURCE } from './typing.py.js';
import { JSON_SOURCE } from './json.py.js';
import { STATISTICS_SOURCE } from './statistics.py.js';
import { COLLECTIONS_ABC_SOURCE } from './collections_abc.py.js';
import { PPRINT_SOURCE } from './pprint.py.js';
import { TEXTWRAP_SOURCE } from './textwrap.py.js';
import { DATETIME_SOURCE } from './datetime.py.js';
import { QUEUE_SOURCE } from './queue.py.js';

/** Registers weakref's Python half, atexit, functools, collections, io and itertools. */
export function installModules(proc: Process): { atexit(): void } {
  const rt = proc.rt;
  const exit = installAtexit(proc);
  installCallables(rt);
  installMoreMethods(rt);
  // Last of the builtin types' methods: now every one of them is there to be wrapped.
  installCallConventions(rt);
  defineSourceModule(proc, 'functools', FUNCTOOLS_SOURCE);
  defineSourceModule(proc, 'copy', COPY_SOURCE);
  proc.moduleMakers.set('math', () => makeMathModule(rt, proc));
  proc.moduleMakers.set('operator', () => makeOperatorModule(rt, proc));
  proc.moduleMakers.set('_heapq', () => makeHeapqNative(rt, proc));
  defineSourceModule(proc, 'heapq', HEAPQ_SOURCE);
  proc.moduleMakers.set('_bisect', () => makeBisectModule(rt, proc, '_bisect'));
  proc.moduleMakers.set('bisect', () => makeBisectModule(rt, proc, 'bisect'));
  proc.moduleMakers.set('_random', () => makeRandomNative(rt, proc));
  defineSourceModule(proc, 'random', RANDOM_SOURCE);
  proc.moduleMakers.set('_abc', () => makeAbcNative(rt, proc));
  defineSourceModule(proc, 'abc', ABC_SOURCE);
  proc.moduleMakers.set('time', () => makeTimeModule(rt, proc));
  defineSourceModule(proc, 'types', TYPES_SOURCE);
  defineSourceModule(proc, 'contextlib', CONTEXTLIB_SOURCE);
  defineSourceModule(proc, 'string', STRING_SOURCE);
  defineSourceModule(proc, 'dataclasses', DATACLASSES_SOURCE);
  defineSourceModule(proc, 'enum', ENUM_SOURCE);
  defineSourceModule(proc, 'typing', TYPING_SOURCE);
  defineSourceModule(proc, 'json', JSON_SOURCE);
  defineSourceModule(proc, 'statistics', STATISTICS_SOURCE);
  defineSourceModule(proc, 'pprint', PPRINT_SOURCE);
  defineSourceModule(proc, 'textwrap', TEXTWRAP_SOURCE);
  defineSourceModule(proc, 'datetime', DATETIME_SOURCE);
  defineSourceModule(proc, 'queue', QUEUE_SOURCE);
  // Only \`from collections.abc import ...\` works: the engine imports dotted names as one module.
  defineSourceModule(proc, 'collections.abc', COLLECTIONS_ABC_SOURCE);
  proc.moduleMakers.set('collections', () => makeCollectionsModule(rt, proc));
  proc.moduleMakers.set('io', () => makeIoModule(rt, proc));
  proc.moduleMakers.set('itertools', () => makeItertoolsModule(rt, proc));
  rt.extendWeakrefModule = (m) => execModuleSource(proc, m as PyModule, WEAKREF_SOURCE, '/usr/lib/python3.11/weakref.py');
  return { atexit: () => exit.run() };
}
