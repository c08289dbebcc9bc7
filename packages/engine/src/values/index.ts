// Python value semantics over plain JS values — the pure library the runtime calls for numbers
// and strings. Nothing here knows about the object model; Python-level errors are thrown as
// PyValueError { pyType, message } for the runtime to turn into exception objects.
//
// Representations the runtime should keep:
//   int    PyInt = number | bigint, normalized: a number when |n| <= 2**53 - 1 (never -0), else a
//          bigint (normInt). All int functions accept either form and return the normalized one.
//   float  a JS number.
//   str    a JS string (UTF-16). Python indices are code points: cache isBmp(s) on the str object;
//          when true, len == .length and indices map 1:1 (text.ts has the general helpers).
//   bytes  a Uint8Array.
//   hash   a signed 64-bit bigint (Py_hash_t). hashStr is O(len): cache it on the str object.
//
// Files, one concern each:
//   errors.ts        PyValueError and its constructors
//   ieee.ts dtoa.ts  exact double decomposition; correctly rounded decimal digits (dtoa modes 0/2/3)
//   float.ts         repr, // % divmod ** round as_integer_ratio int() for floats
//   int.ts           int arithmetic, true division, pow/3-arg pow, shifts, round, str/hex/oct/bin
//   float-format.ts  PyOS_double_to_string (e/f/g/r codes)
//   format-spec.ts   format(value, spec) for int, float, str
//   percent.ts       str % args
//   str-format.ts    str.format template parsing and rendering
//   parse-number.ts  int(str, base), float(str)
//   repr.ts          repr/ascii of str, repr of bytes
//   str-methods.ts   str methods, encode/decode
//   text.ts          code point length/indexing/slicing over UTF-16
//   unicode.ts       per-code-point classes (Unicode 14 as CPython 3.11), unicode-data.ts (generated)
//   hash.ts          hash() of str/bytes (siphash13, PYTHONHASHSEED=0), int, float, tuple
//   complex.ts       repr(complex)
//   libm.ts          correctly rounded exp/log/log2/log10/pow (as glibc, unlike V8's Math.*)
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
export * from './libm.js';
export * from './complex.js';
