// Python value semantics over plain JS values: numbers (number | bigint for int, number for float)
// and strings. Pure functions; Python-level errors are thrown as PyValueError.
export * from './errors.js';
export * from './ieee.js';
export * from './dtoa.js';
export * from './float.js';
export * from './int.js';
export * from './repr.js';
export * from './hash.js';
export * from './unicode.js';
export * from './text.js';
export * from './float-format.js';
export * from './format-spec.js';
export * from './percent.js';
export * from './str-format.js';
export * from './parse-number.js';
export * from './str-methods.js';
