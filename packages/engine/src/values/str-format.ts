// str.format templates, parsed as Objects/stringlib/unicode_format.h does (MarkupIterator,
// parse_field, field_name_split, auto-numbering), into parts the runtime resolves against its
// objects. CPython parses lazily, so an error late in a template only surfaces after the earlier
// fields were looked up (and may lose to their IndexError/KeyError/AttributeError): we keep that
// order by storing the error as a part where CPython would raise, and stop parsing there.

import { PyValueError, valueError } from './errors.js';

export type FieldAccess =
  | { kind: 'attr'; name: string }
  /** [key]: an int when the key is all ASCII digits, else the str key. */
  | { kind: 'item'; key: number | string }
  /** A malformed accessor: raise when the walk reaches it. */
  | { kind: 'error'; error: PyValueError };

export interface FormatField {
  kind: 'field';
  /** A positional index (auto-numbered '{}' resolved) or a keyword name. */
  arg: number | string;
  path: FieldAccess[];
  /** '', or the character after '!' (validate with conversionError when rendering). */
  conversion: string;
  /** The format spec, itself a template (nested fields are expanded before formatting). */
  spec: FormatPart[];
}

export type FormatPart =
  | { kind: 'literal'; text: string }
  | FormatField
  /** Raise this error when rendering reaches this point. */
  | { kind: 'error'; error: PyValueError };

/** Auto-numbering state shared by a template and its nested specs. */
interface AutoNumber {
  state: 'init' | 'auto' | 'manual';
  next: number;
}

const MAX_SSIZE = 2 ** 63 - 1;

/** Parse a str.format template. Cache the result per template string: it is pure. */
export function parseTemplate(template: string): FormatPart[] {
  return parseLevel(template, 2, { state: 'init', next: 0 });
}

function parseLevel(s: string, depth: number, auto: AutoNumber): FormatPart[] {
  const parts: FormatPart[] = [];
  if (depth <= 0) {
    parts.push({ kind: 'error', error: valueError('Max string recursion exceeded') });
    return parts;
  }
  const end = s.length;
  let pos = 0;
  while (pos < end) {
    // Literal text up to a '{' or '}'.
    const start = pos;
    let c = '';
    let markup = false;
    while (pos < end) {
      c = s[pos++]!;
      if (c === '{' || c === '}') {
        markup = true;
        break;
      }
    }
    const atEnd = pos >= end;
    let len = pos - start;
    if (markup && c === '}' && (atEnd || s[pos] !== '}')) {
      return fail(parts, "Single '}' encountered in format string");
    }
    if (markup && atEnd && c === '{') return fail(parts, "Single '{' encountered in format string");
    if (markup && !atEnd) {
      if (s[pos] === c) {
        pos++; // an escaped '{{' or '}}': keep one, no field follows
        markup = false;
      } else {
        len--;
      }
    }
    if (len > 0) pushLiteral(parts, s.slice(start, start + len));
    if (!markup) continue;
    const field = parseField(s, pos, depth, auto);
    if ('error' in field) {
      parts.push({ kind: 'error', error: field.error });
      return parts;
    }
    pos = field.end;
    parts.push(field.part);
    if (field.part.kind === 'error') return parts;
  }
  return parts;
}

function pushLiteral(parts: FormatPart[], text: string): void {
  const last = parts[parts.length - 1];
  if (last !== undefined && last.kind === 'literal') last.text += text;
  else parts.push({ kind: 'literal', text });
}

function fail(parts: FormatPart[], message: string): FormatPart[] {
  parts.push({ kind: 'error', error: valueError(message) });
  return parts;
}

type FieldResult = { part: FormatPart; end: number } | { error: PyValueError };

/** parse_field: s[pos:] starts just after the '{'. */
function parseField(s: string, pos: number, depth: number, auto: AutoNumber): FieldResult {
  const end = s.length;
  const nameStart = pos;
  let c = '';
  while (pos < end) {
    c = s[pos++]!;
    if (c === '{') return { error: valueError("unexpected '{' in field name") };
    if (c === '[') {
      while (pos < end && s[pos] !== ']') pos++;
      continue;
    }
    if (c === '}' || c === ':' || c === '!') break;
  }
  const name = s.slice(nameStart, pos - 1);
  let conversion = '';
  let spec = '';
  let specNeedsExpanding = false;
  if (c === '!' || c === ':') {
    if (c === '!') {
      if (pos >= end) return { error: valueError('end of string while looking for conversion specifier') };
      const cp = s.codePointAt(pos)!;
      conversion = String.fromCodePoint(cp);
      pos += conversion.length;
      if (pos < end) {
        const d = s[pos++];
        if (d === '}') return { part: makeField(name, conversion, '', false, depth, auto), end: pos };
        if (d !== ':') return { error: valueError("expected ':' after conversion specifier") };
      }
    }
    const specStart = pos;
    let count = 1;
    let closed = false;
    while (pos < end) {
      const d = s[pos++];
      if (d === '{') {
        specNeedsExpanding = true;
        count++;
      } else if (d === '}') {
        if (--count === 0) {
          closed = true;
          break;
        }
      }
    }
    if (!closed) return { error: valueError("unmatched '{' in format spec") };
    spec = s.slice(specStart, pos - 1);
  } else if (c !== '}') {
    return { error: valueError("expected '}' before end of string") };
  }
  return { part: makeField(name, conversion, spec, specNeedsExpanding, depth, auto), end: pos };
}

/** Decimal digits only → the integer, else -1; too large → error (get_integer). */
function getInteger(s: string): number | PyValueError {
  if (s.length === 0) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
    if (n > MAX_SSIZE) return valueError('Too many decimal digits in format string');
  }
  return n;
}

/** field_name_split + FieldNameIterator, and the spec (expanded at depth - 1). */
function makeField(name: string, conversion: string, spec: string, expand: boolean, depth: number, auto: AutoNumber): FormatPart {
  let i = 0;
  while (i < name.length && name[i] !== '.' && name[i] !== '[') i++;
  const first = name.slice(0, i);
  const idx = getInteger(first);
  if (idx instanceof PyValueError) return { kind: 'error', error: idx };
  const empty = first.length === 0;
  let arg: number | string = first;
  if (empty || idx !== -1) {
    if (auto.state === 'init') auto.state = empty ? 'auto' : 'manual';
    if (auto.state === 'manual' && empty) {
      return { kind: 'error', error: valueError('cannot switch from manual field specification to automatic field numbering') };
    }
    if (auto.state === 'auto' && !empty) {
      return { kind: 'error', error: valueError('cannot switch from automatic field numbering to manual field specification') };
    }
    arg = empty ? auto.next++ : idx;
  }
  const path: FieldAccess[] = [];
  while (i < name.length) {
    const c = name[i++];
    let key: string;
    if (c === '.') {
      const start = i;
      while (i < name.length && name[i] !== '.' && name[i] !== '[') i++;
      key = name.slice(start, i);
      if (key === '') {
        path.push({ kind: 'error', error: valueError('Empty attribute in format string') });
        break;
      }
      path.push({ kind: 'attr', name: key });
    } else if (c === '[') {
      const start = i;
      while (i < name.length && name[i] !== ']') i++;
      if (i >= name.length) {
        path.push({ kind: 'error', error: valueError("Missing ']' in format string") });
        break;
      }
      key = name.slice(start, i++);
      if (key === '') {
        path.push({ kind: 'error', error: valueError('Empty attribute in format string') });
        break;
      }
      const k = getInteger(key);
      if (k instanceof PyValueError) {
        path.push({ kind: 'error', error: k });
        break;
      }
      path.push({ kind: 'item', key: k === -1 ? key : k });
    } else {
      path.push({ kind: 'error', error: valueError("Only '.' or '[' may follow ']' in format field specifier") });
      break;
    }
  }
  const specParts: FormatPart[] = expand ? parseLevel(spec, depth - 1, auto) : spec === '' ? [] : [{ kind: 'literal', text: spec }];
  return { kind: 'field', arg, path, conversion, spec: specParts };
}

/** The error for a conversion other than r/s/a, or undefined when it is valid (or absent). */
export function conversionError(conversion: string): PyValueError | undefined {
  if (conversion === '' || conversion === 'r' || conversion === 's' || conversion === 'a') return undefined;
  const cp = conversion.codePointAt(0)!;
  const shown = cp > 32 && cp < 127 ? conversion : `\\x${cp.toString(16)}`;
  return valueError(`Unknown conversion specifier ${shown}`);
}

/** IndexError for a positional field past the arguments. */
export function replacementIndexError(index: number): PyValueError {
  return new PyValueError('IndexError', `Replacement index ${index} out of range for positional args tuple`);
}

export interface StrFormatHooks<T> {
  /** args[i]; undefined when out of range. */
  positional(index: number): T | undefined;
  /** kwargs[name]; should throw the runtime's KeyError when missing. */
  keyword(name: string): T;
  getAttr(obj: T, name: string): T;
  getItem(obj: T, key: number | string): T;
  /** repr / str / ascii for '!r' '!s' '!a'. */
  convert(obj: T, conversion: 'r' | 's' | 'a'): T;
  /** format(obj, spec) → str */
  format(obj: T, spec: string): string;
}

/** template.format(*args, **kwargs) over parsed parts. */
export function renderTemplate<T>(parts: readonly FormatPart[], hooks: StrFormatHooks<T>): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'literal') {
      out += part.text;
      continue;
    }
    if (part.kind === 'error') throw part.error;
    let obj: T;
    if (typeof part.arg === 'number') {
      const v = hooks.positional(part.arg);
      if (v === undefined) throw replacementIndexError(part.arg);
      obj = v;
    } else {
      obj = hooks.keyword(part.arg);
    }
    for (const step of part.path) {
      if (step.kind === 'error') throw step.error;
      obj = step.kind === 'attr' ? hooks.getAttr(obj, step.name) : hooks.getItem(obj, step.key);
    }
    if (part.conversion !== '') {
      const err = conversionError(part.conversion);
      if (err !== undefined) throw err;
      obj = hooks.convert(obj, part.conversion as 'r' | 's' | 'a');
    }
    const spec = part.spec.length === 0 ? '' : part.spec.length === 1 && part.spec[0]!.kind === 'literal' ? part.spec[0]!.text : renderTemplate(part.spec, hooks);
    out += hooks.format(obj, spec);
  }
  return out;
}
