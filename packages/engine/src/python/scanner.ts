// The tokenizer: Python 3.11 source to tokens, one at a time, as Parser/tokenizer.c produces them.
//
// A single pass over char codes. The scanner tracks what CPython's tok_state tracks: the stack of
// indentation columns (and the "alternate" columns with tab size 1, which detect inconsistent
// tabs), the bracket nesting with where each bracket opened, and whether we are at the start of a
// line. Inside brackets newlines and indentation are ignored; blank and comment-only lines never
// produce NEWLINE. Errors come in two strengths, as in CPython: a "hard" error is one the tokenizer
// raises itself (bad literal, unterminated string, unmatched bracket); a "soft" one is a tokenizer
// state the parser turns into an error (bad dedent, tab/space mix, stray backslash, end of file
// inside brackets). When the parser fails first, a later hard error still wins
// (_PyPegen_tokenize_full_source_to_check_for_errors), so the distinction matters.

import type { PySyntaxError } from './errors.js';
import type { Source } from './source.js';

export const enum Tok {
  Name = 1,
  Number,
  String,
  Op,
  Newline,
  Indent,
  Dedent,
  EndMarker,
  /** A character that starts no token (`$`, `?`, a lone `!`): the parser rejects it. */
  Unknown,
}

export interface Token {
  kind: Tok;
  /** The identifier, the operator, or the literal's source text. */
  text: string;
  start: number;
  end: number;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** Bracket depth after this token (CPython's tok->level, recorded per token). */
  level: number;
}

export class ScanError extends Error {
  constructor(readonly error: PySyntaxError, readonly hard: boolean) {
    super(error.msg);
  }
}

const TAB_SIZE = 8;
/** tokenizer.h: MAXLEVEL (bracket nesting) and MAXINDENT (indentation levels). */
const MAX_LEVEL = 200;
const MAX_INDENT = 100;

// Char codes used in the hot loop.
const NL = 10, SPACE = 32, TAB = 9, FF = 12, HASH = 35, BACKSLASH = 92, DOT = 46, UNDERSCORE = 95;
const SQUOTE = 39, DQUOTE = 34;

function isDigit(c: number): boolean { return c >= 48 && c <= 57; }
function isHex(c: number): boolean { return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70); }
function isIdStartAscii(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === UNDERSCORE;
}
/** tokenizer.c's is_potential_identifier_char: ASCII alnum, '_' or any non-ASCII. */
function isIdChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === UNDERSCORE || c >= 128;
}

const THREE_CHAR = new Set(['**=', '//=', '<<=', '>>=']);
/** Two-character operators keyed by (first char code * 128 + second). */
const TWO_CHAR = new Map<number, string>(
  ['!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<', '<=', '<>', '==', '>=',
    '>>', '@=', '^=', '|='].map((op) => [op.charCodeAt(0) * 128 + op.charCodeAt(1), op]),
);
/** The text of each ASCII character, so one-character tokens allocate no string. */
const ONE_CHAR_TEXT = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
/** The second character of every two-character operator. */
function c2IsOpTail(c: number): boolean { return c === 61 || c === 42 || c === 47 || c === 60 || c === 62; }
const ONE_CHAR = '%&()*+,-./:;<=>@[]^{|}~';

const ID_START = /[\p{XID_Start}_]/u;
const ID_CONTINUE = /\p{XID_Continue}/u;
const PRINTABLE_EXCLUDE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

export class Scanner {
  private readonly src: string;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private atBol = true;
  private pending = 0;
  level = 0;
  private readonly parenChar: number[] = [];
  private readonly parenLine: number[] = [];
  private readonly parenCol: number[] = [];
  private readonly indents: number[] = [0];
  private readonly altIndents: number[] = [0];
  private done = false;

  constructor(readonly source: Source) {
    this.src = source.text;
  }

  /** The innermost open bracket (for "'(' was never closed"), or null. */
  openBracket(): { char: string; line: number; col: number } | null {
    const n = this.level;
    if (n === 0) return null;
    return { char: String.fromCharCode(this.parenChar[n - 1]), line: this.parenLine[n - 1], col: this.parenCol[n - 1] };
  }

  next(): Token {
    const src = this.src;
    let blank = false;
    for (;;) { // nextline
      blank = false;
      if (this.atBol) {
        this.atBol = false;
        let col = 0, alt = 0, contCol = 0;
        let c: number;
        for (;;) {
          c = this.pos < src.length ? src.charCodeAt(this.pos) : -1;
          if (c === SPACE) { col++; alt++; }
          else if (c === TAB) { col = ((col / TAB_SIZE) | 0) * TAB_SIZE + TAB_SIZE; alt++; }
          else if (c === FF) { col = alt = 0; }
          else if (c === BACKSLASH) {
            contCol = contCol || col;
            this.pos++;
            this.continuation();
            continue;
          } else break;
          this.pos++;
        }
        if (c === HASH || c === NL) blank = true;
        if (!blank && this.level === 0) {
          if (contCol) { col = contCol; alt = contCol; }
          const top = this.indents.length - 1;
          if (col === this.indents[top]) {
            if (alt !== this.altIndents[top]) this.tabError();
          } else if (col > this.indents[top]) {
            if (this.indents.length >= MAX_INDENT) {
              throw new ScanError(this.source.rawError('IndentationError', 'too many levels of indentation',
                this.line, 1, this.line, 0), false);
            }
            if (alt <= this.altIndents[top]) this.tabError();
            this.pending++;
            this.indents.push(col);
            this.altIndents.push(alt);
          } else {
            while (this.indents.length > 1 && col < this.indents[this.indents.length - 1]) {
              this.pending--;
              this.indents.pop();
              this.altIndents.pop();
            }
            if (col !== this.indents[this.indents.length - 1]) {
              const text = this.source.line(this.line, false);
              this.pos = src.length;
              throw new ScanError(this.source.rawError('IndentationError',
                'unindent does not match any outer indentation level',
                this.line, this.source.errCol(this.line, text.length) + 1, this.line, -1), false);
            }
            if (alt !== this.altIndents[this.altIndents.length - 1]) this.tabError();
          }
        }
      }
      if (this.pending !== 0) {
        const col = this.pos - this.lineStart;
        const kind = this.pending < 0 ? Tok.Dedent : Tok.Indent;
        this.pending += this.pending < 0 ? 1 : -1;
        return this.token(kind, '', this.pos, this.pos, this.line, col);
      }

      // again: skip spaces within a line
      for (;;) {
        let c = this.pos < src.length ? src.charCodeAt(this.pos) : -1;
        while (c === SPACE || c === TAB || c === FF) c = ++this.pos < src.length ? src.charCodeAt(this.pos) : -1;
        const start = this.pos;
        if (c === HASH) {
          let i = src.indexOf('\n', this.pos);
          if (i < 0) i = src.length;
          this.pos = i;
          c = i < src.length ? NL : -1;
        }
        if (c === -1) return this.eof();
        if (c === NL) {
          this.pos++;
          const line = this.line, col = start - this.lineStart, nlCol = this.pos - 1 - this.lineStart;
          this.line++;
          this.lineStart = this.pos;
          this.atBol = true;
          if (blank || this.level > 0) break; // nextline
          const t = this.token(Tok.Newline, '', start, this.pos - 1, line, col);
          t.endLine = line;
          t.endCol = nlCol;
          return t;
        }
        if (c === BACKSLASH) {
          this.pos++;
          this.continuation();
          continue;
        }
        return this.scanToken(c, start);
      }
    }
  }

  private token(kind: Tok, text: string, start: number, end: number, line: number, col: number): Token {
    if (start >= this.src.length && this.src.length > 0 && this.lineStart === this.src.length) {
      // At the end of the file CPython's tokenizer is still on the last line, past its newline.
      const prev = this.src.lastIndexOf('\n', this.src.length - 2) + 1;
      return { kind, text, start, end, line: this.line - 1, col: this.src.length - prev,
        endLine: this.line - 1, endCol: this.src.length - prev, level: this.level };
    }
    return {
      kind, text, start, end, line, col,
      endLine: this.line, endCol: end - this.lineStart, level: this.level,
    };
  }

  private eof(): Token {
    if (this.level > 0) {
      const b = this.openBracket()!;
      throw new ScanError(this.source.error('SyntaxError', `'${b.char}' was never closed`,
        b.line, b.col, b.line, -1, false), false);
    }
    // Dedent to the margin, then the end marker (the caller sees DEDENTs via atBol handling).
    if (this.indents.length > 1) {
      this.indents.pop();
      this.altIndents.pop();
      return this.token(Tok.Dedent, '', this.pos, this.pos, this.line, 0);
    }
    this.done = true;
    return this.token(Tok.EndMarker, '', this.pos, this.pos, this.line, 0);
  }

  /** After a backslash: it must end the line (tok_continuation_line). */
  private continuation(): void {
    const src = this.src;
    const c = this.pos < src.length ? src.charCodeAt(this.pos) : -1;
    if (c !== NL) {
      const col = this.pos - this.lineStart; // the char after the backslash
      throw new ScanError(this.source.rawError('SyntaxError',
        'unexpected character after line continuation character',
        this.line, this.source.errCol(this.line, col) + 1, this.line, 0), false);
    }
    this.pos++;
    this.line++;
    this.lineStart = this.pos;
    if (this.pos >= src.length) {
      throw new ScanError(this.source.rawError('SyntaxError', 'unexpected EOF while parsing',
        this.line - 1, this.source.errCol(this.line - 1, this.source.line(this.line - 1, false).length) + 1, this.line - 1, -1), false);
    }
  }

  private tabError(): never {
    this.pos = this.src.length;
    throw new ScanError(this.source.rawError('TabError', 'inconsistent use of tabs and spaces in indentation',
      this.line, 1, this.line, 0), false);
  }

  /** A tokenizer syntaxerror(): at the current position, quoting the line without its newline. */
  private hardError(msg: string, col = this.pos - this.lineStart, endCol = col): never {
    const line = this.line;
    throw new ScanError(this.source.rawError('SyntaxError', msg, line,
      this.source.cpCol(line, col), line, this.source.cpCol(line, endCol), false), true);
  }

  private scanToken(c: number, start: number): Token {
    const src = this.src;
    const line = this.line;
    const col = start - this.lineStart;

    // Identifiers, keywords, and string prefixes.
    if (isIdStartAscii(c) || c >= 128) {
      let sawB = false, sawR = false, sawU = false, sawF = false;
      let p = this.pos;
      for (;;) {
        const ch = src.charCodeAt(p) | 0x20;
        if (!sawB && !sawU && !sawF && ch === 98) sawB = true;
        else if (!sawB && !sawU && !sawR && !sawF && ch === 117) sawU = true;
        else if (!sawR && !sawU && ch === 114) sawR = true;
        else if (!sawF && !sawB && !sawU && ch === 102) sawF = true;
        else break;
        p++;
        const q = src.charCodeAt(p);
        if (q === SQUOTE || q === DQUOTE) {
          this.pos = p;
          return this.scanString(q, start, line, col);
        }
      }
      let nonAscii = false;
      let p2 = this.pos;
      while (p2 < src.length) {
        const ch = src.charCodeAt(p2);
        if (!isIdChar(ch)) break;
        if (ch >= 128) nonAscii = true;
        p2++;
      }
      this.pos = p2;
      let text = src.slice(start, p2);
      if (nonAscii) text = this.verifyIdentifier(text, start);
      return this.token(Tok.Name, text, start, p2, line, col);
    }

    if (c === DOT) {
      const c1 = src.charCodeAt(this.pos + 1);
      if (isDigit(c1)) return this.scanNumber(start);
      if (c1 === DOT && src.charCodeAt(this.pos + 2) === DOT) {
        this.pos += 3;
        return this.token(Tok.Op, '...', start, this.pos, line, col);
      }
      this.pos++;
      return this.token(Tok.Op, '.', start, this.pos, line, col);
    }
    if (isDigit(c)) return this.scanNumber(start);
    if (c === SQUOTE || c === DQUOTE) return this.scanString(c, start, line, col);

    // Operators: three, two, then one character (texts are shared constants, not slices).
    const c2 = src.charCodeAt(this.pos + 1);
    if (c2IsOpTail(c2)) {
      const two = TWO_CHAR.get(c * 128 + c2);
      if (two !== undefined) {
        const op = src.charCodeAt(this.pos + 2) === 61 && THREE_CHAR.has(two + '=') ? two + '=' : two;
        this.pos += op.length;
        return this.token(Tok.Op, op, start, this.pos, line, col);
      }
    }
    const one = c < 128 ? ONE_CHAR_TEXT[c] : String.fromCharCode(c);
    switch (c) {
      case 40: case 91: case 123: // ( [ {
        if (this.level >= MAX_LEVEL) { this.pos++; this.hardError('too many nested parentheses'); }
        this.parenChar[this.level] = c;
        this.parenLine[this.level] = line;
        this.parenCol[this.level] = col;
        this.level++;
        break;
      case 41: case 93: case 125: { // ) ] }
        this.pos++;
        if (this.level === 0) this.hardError(`unmatched '${one}'`);
        this.level--;
        const open = this.parenChar[this.level];
        if (!((open === 40 && c === 41) || (open === 91 && c === 93) || (open === 123 && c === 125))) {
          const o = String.fromCharCode(open);
          if (this.parenLine[this.level] !== line) {
            this.hardError(`closing parenthesis '${one}' does not match opening parenthesis '${o}' on line ${this.parenLine[this.level]}`);
          }
          this.hardError(`closing parenthesis '${one}' does not match opening parenthesis '${o}'`);
        }
        return this.token(Tok.Op, one, start, this.pos, line, col);
      }
    }
    if (ONE_CHAR.indexOf(one) >= 0) {
      this.pos++;
      return this.token(Tok.Op, one, start, this.pos, line, col);
    }
    const cp = src.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    if (PRINTABLE_EXCLUDE.test(ch) && c !== SPACE) {
      this.hardError(`invalid non-printable character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    return this.token(Tok.Unknown, ch, start, this.pos, line, col);
  }

  /** PEP 3131: the identifier must be NFKC-normalisable to a valid one (verify_identifier). */
  private verifyIdentifier(text: string, start: number): string {
    let i = 0;
    for (const ch of text) {
      const ok = i === 0 ? ID_START.test(ch) : ID_CONTINUE.test(ch);
      if (!ok) {
        if (PRINTABLE_EXCLUDE.test(ch)) {
          this.pos = start + i + ch.length;
          this.hardError(`invalid non-printable character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
        }
        this.pos = start + i + ch.length;
        this.hardError(`invalid character '${ch}' (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
      }
      i += ch.length;
    }
    return text.normalize('NFKC');
  }

  private scanNumber(start: number): Token {
    const src = this.src;
    const line = this.line;
    const col = start - this.lineStart;
    let p = this.pos;
    const at = (i: number) => (i < src.length ? src.charCodeAt(i) : -1);
    let c = at(p);
    const fail = (msg: string, pos: number): never => { this.pos = pos; return this.hardError(msg); };
    /** tok_decimal_tail: digits with single underscores between them. */
    const decimalTail = (): void => {
      for (;;) {
        while (isDigit(at(p))) p++;
        if (at(p) !== UNDERSCORE) break;
        p++;
        if (!isDigit(at(p))) fail('invalid decimal literal', p);
      }
    };
    /** verify_end_of_number: no identifier char may follow, except the keywords that can. */
    const endOfNumber = (kind: string): void => {
      const ch = at(p);
      const rest = (s: string) => src.startsWith(s, p + 1);
      if ((ch === 97 && rest('nd')) || (ch === 101 && rest('lse')) || (ch === 102 && rest('or'))
        || (ch === 105 && (at(p + 1) === 102 || at(p + 1) === 110 || at(p + 1) === 115))
        || (ch === 111 && rest('r')) || (ch === 110 && rest('ot'))) return;
      if (isIdChar(ch)) fail(`invalid ${kind} literal`, p);
    };
    const exponentOrImag = (): void => {
      let ch = at(p);
      if (ch === 101 || ch === 69) {
        const e = p;
        p++;
        ch = at(p);
        if (ch === 43 || ch === 45) {
          p++;
          if (!isDigit(at(p))) fail('invalid decimal literal', p);
        } else if (!isDigit(ch)) {
          p = e;
          endOfNumber('decimal');
          return;
        }
        decimalTail();
      }
      ch = at(p);
      if (ch === 106 || ch === 74) { p++; endOfNumber('imaginary'); }
      else endOfNumber('decimal');
    };

    if (c === DOT) { // .5
      p++;
      decimalTail();
      exponentOrImag();
    } else if (c === 48) {
      p++;
      c = at(p);
      const radix = (c | 0x20) === 120 ? 16 : (c | 0x20) === 111 ? 8 : (c | 0x20) === 98 ? 2 : 0;
      if (radix) {
        const name = radix === 16 ? 'hexadecimal' : radix === 8 ? 'octal' : 'binary';
        const ok = (d: number) => radix === 16 ? isHex(d) : radix === 8 ? d >= 48 && d < 56 : d === 48 || d === 49;
        p++;
        c = at(p);
        do {
          if (c === UNDERSCORE) c = at(++p);
          if (!ok(c)) {
            if (radix !== 16 && isDigit(c)) fail(`invalid digit '${String.fromCharCode(c)}' in ${name} literal`, p + 1);
            fail(`invalid ${name} literal`, p);
          }
          while (ok(c)) c = at(++p);
        } while (c === UNDERSCORE);
        if (radix !== 16 && isDigit(c)) fail(`invalid digit '${String.fromCharCode(c)}' in ${name} literal`, p + 1);
        endOfNumber(name);
      } else {
        let nonzero = false;
        for (;;) {
          if (c === UNDERSCORE) {
            c = at(++p);
            if (!isDigit(c)) fail('invalid decimal literal', p);
          }
          if (c !== 48) break;
          c = at(++p);
        }
        const zerosEnd = p;
        if (isDigit(c)) { nonzero = true; decimalTail(); c = at(p); }
        if (c === DOT) { p++; if (isDigit(at(p))) decimalTail(); exponentOrImag(); }
        else if (c === 101 || c === 69 || c === 106 || c === 74) exponentOrImag();
        else if (nonzero) {
          this.pos = p;
          this.hardError('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
            col + 1, zerosEnd + 1 - this.lineStart);
        } else endOfNumber('decimal');
      }
    } else {
      decimalTail();
      if (at(p) === DOT) { p++; if (isDigit(at(p))) decimalTail(); }
      exponentOrImag();
    }
    this.pos = p;
    return this.token(Tok.Number, src.slice(start, p), start, p, line, col);
  }

  private scanString(quote: number, start: number, line: number, col: number): Token {
    const src = this.src;
    let p = this.pos + 1;
    let size = 1;
    if (src.charCodeAt(p) === quote && src.charCodeAt(p + 1) === quote) { size = 3; p += 2; }
    const lineStart = this.lineStart;
    let endQuotes = 0;
    while (endQuotes !== size) {
      if (p >= src.length || (size === 1 && src.charCodeAt(p) === NL)) {
        // Report from the opening quote, on the line the string started.
        // At the end of the file CPython's line count has not moved past the last newline.
        const detected = p >= src.length && this.lineStart === src.length ? this.line - 1 : this.line;
        this.line = line;
        this.lineStart = lineStart;
        const qcol = start - lineStart + 1;
        this.pos = src.length;
        if (size === 3) this.hardError(`unterminated triple-quoted string literal (detected at line ${detected})`, qcol);
        this.hardError(`unterminated string literal (detected at line ${detected})`, qcol);
      }
      const c = src.charCodeAt(p++);
      if (c === quote) endQuotes++;
      else {
        endQuotes = 0;
        if (c === NL) { this.line++; this.lineStart = p; }
        else if (c === BACKSLASH) {
          if (src.charCodeAt(p) === NL) { this.line++; this.lineStart = p + 1; }
          p++;
        }
      }
    }
    this.pos = p;
    const t = this.token(Tok.String, src.slice(start, p), start, p, line, col);
    return t;
  }
}
