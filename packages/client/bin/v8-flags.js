// V8 settings for every process that runs the engine (the refscope command; scripts/bench.mjs
// applies the same ones to what it measures in-process).
//
// Every Python object is a JS object of its own class (PyInt, PyList, PyDict, ...), and the hot
// paths (incref, decref, alloc, dealloc, the collector's list links) read and write the same
// header fields on all of them. V8 gives a property access site up to 4 classes before it turns
// "megamorphic" and looks every access up in a global cache; at 16 it keeps checking the classes
// it has seen, inline. On the bundled workloads that is a quarter less time in the engine
// (`npm run bench`).
import v8 from 'node:v8';

export const V8_FLAGS = ['--max-valid-polymorphic-map-count=16'];

for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
