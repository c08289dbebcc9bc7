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
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'No such file or directory'
      : code === 'EACCES' ? 'Permission denied'
      : code === 'EISDIR' ? 'Is a directory'
      : (err as Error).message;
    throw new UserError(`refscope: can't open file '${displayPathOf(file)}': ${why}`);
  }
  return { filename: file, displayPath: displayPathOf(file), source };
}
