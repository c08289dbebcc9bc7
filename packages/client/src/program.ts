// Loading the program a command was given, the way `python3 FILE` does.
import { readFileSync } from 'node:fs';

/** A failure the user caused (a missing file, a bad recording): one line on stderr, exit 1, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface Program {
  /** The name as given on the command line (recorded; never resolved). */
  filename: string;
  /** What tracebacks print: the current directory joined with the name, as CPython's _Py_abspath does (no normalising, no symlink resolution). */
  displayPath: string;
  source: string;
}

export function displayPathOf(file: string, cwd: string = process.cwd()): string {
  if (file.startsWith('/')) return file;
  return cwd.endsWith('/') ? cwd + file : `${cwd}/${file}`;
}

export function loadProgram(file: string): Program {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'No such file or directory'
      : code === 'EACCES' ? 'Permission denied'
      : code === 'EISDIR' ? 'Is a directory'
      : (err as Error).message;
    throw new UserError(`refscope: can't open file '${displayPathOf(file)}': ${why}`);
  }
  return { filename: file, displayPath: displayPathOf(file), source: decodeSource(bytes, displayPathOf(file)) };
}

/**
 * A source file's text as CPython's tokenizer reads it without a coding declaration: UTF-8, a
 * leading BOM dropped; anything else is the SyntaxError python3 prints (exit 1).
 */
export function decodeSource(bytes: Uint8Array, path: string): string {
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    // A NUL before it is the tokenizer's first complaint (the engine reports it).
    const nul = body.indexOf(0);
    if (nul >= 0 && nul < at) return new TextDecoder('utf-8').decode(body);
    let line = 1;
    for (let i = 0; i < at; i++) if (body[i] === 0x0a) line++;
    const hex = body[at]!.toString(16).padStart(2, '0');
    throw new UserError(
      `SyntaxError: Non-UTF-8 code starting with '\\x${hex}' in file ${path} on line ${line}, but no encoding declared; ` +
        'see https://peps.python.org/pep-0263/ for details',
    );
  }
}

/** The offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return i;
}
