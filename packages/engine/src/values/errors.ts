// The one way this library reports a Python-level error. Every function here is pure: when CPython
// would raise, we throw a PyValueError carrying the exception type name and CPython's exact message,
// and the runtime turns it into a real Python exception object.

/** Python exception types this library raises. */
export type PyErrorType =
  | 'ValueError'
  | 'OverflowError'
  | 'ZeroDivisionError'
  | 'TypeError'
  | 'IndexError'
  | 'KeyError'
  | 'UnicodeEncodeError'
  | 'UnicodeDecodeError'
  | 'MemoryError'
  | 'LookupError';

export class PyValueError extends Error {
  /** For KeyError from %-formatting and str.format: the missing key (a string or an int). */
  readonly key: string | number | undefined;

  constructor(readonly pyType: PyErrorType, message: string, key?: string | number) {
    super(message);
    this.name = pyType;
    this.key = key;
  }
}

export function valueError(message: string): PyValueError {
  return new PyValueError('ValueError', message);
}

export function overflowError(message: string): PyValueError {
  return new PyValueError('OverflowError', message);
}

export function zeroDivisionError(message: string): PyValueError {
  return new PyValueError('ZeroDivisionError', message);
}

export function typeError(message: string): PyValueError {
  return new PyValueError('TypeError', message);
}
