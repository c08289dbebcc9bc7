// Adjacent string literals and f-strings, as Python 3.11 builds them (Parser/string_parser.c).
//
// In 3.11 an f-string is one STRING token; its replacement fields are found by scanning the token
// text, and each field's expression is parsed by a fresh parser over "(" + text + ")", shifted to
// where the text sits in the file (fstring_find_expr_location). The nodes 3.11 makes for the
// literal parts and for each FormattedValue carry the position of the whole run of adjacent
// strings; a format spec's JoinedStr carries the position of the one token it is in.

import type { Constant, Expr, FormattedValue, JoinedStr, Pos } from './ast.js';
import { Parser } from './parser.js';
import type { Token } from './scanner.js';
import { Source } from './source.js';
import { bytesValue, decodeEscapes, LiteralError, splitString } from './strings.js';

function posOf(first: Token, last: Token): Pos {
  return { lineno: first.line, col_offset: first.col, end_lineno: last.endLine, end_col_offset: last.endCol };
}

/** The Constant or JoinedStr for a run of adjacent STRING tokens. */
export function parseStringAtom(p: Parser, toks: Token[]): Expr {
  try {
    return build(p, toks);
  } catch (e) {
    if (e instanceof LiteralError) throw p.errorLast(e.message);
    throw e;
  }
}

function build(p: Parser, toks: Token[]): Expr {
  const first = toks[0], last = toks[toks.length - 1];
  const whole = posOf(first, last);
  const kind = first.text.charCodeAt(0) === 117 /* u */ ? 'u' : null;
  let bytesMode = false;
  let bytes = '';
  const state = new Joined(whole, kind);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const parts = splitString(t.text);
    if (i > 0 && parts.bytes !== bytesMode) throw p.errorLast('cannot mix bytes and nonbytes literals');
    bytesMode = parts.bytes;
    const body = t.text.slice(parts.bodyStart, parts.bodyEnd);
    if (parts.fstring) {
      state.fmode = true;
      new FString(p, t, parts.raw, first, last).parse(state, parts.bodyStart, parts.bodyEnd, 0);
    } else if (parts.bytes) {
      for (let j = 0; j < body.length; j++) {
        if (body.charCodeAt(j) >= 0x80) {
          throw p.errorAt('bytes can only contain ASCII literal characters', t.line, t.col, t.endLine, t.endCol);
        }
      }
      bytes += parts.raw ? body : decodeEscapes(body, true);
    } else {
      state.addLiteral(parts.raw ? body : decodeEscapes(body, false));
    }
  }
  if (bytesMode) return { type: 'Constant', value: { kind: 'bytes', value: bytesValue(bytes) }, kind: null, ...whole };
  return state.finish(whole);
}

/** _PyPegen_FstringParser: pending literal text plus the values collected so far. */
class Joined {
  fmode = false;
  lastStr = '';
  readonly values: Expr[] = [];
  constructor(readonly pos: Pos, readonly kind: string | null) {}

  addLiteral(s: string): void { this.lastStr += s; }

  /** Before a replacement field, pending text becomes a Constant spanning the whole string run. */
  flush(pos: Pos = this.pos): void {
    if (this.lastStr.length) {
      this.values.push(this.constant(this.lastStr, pos));
      this.lastStr = '';
    }
  }

  private constant(s: string, pos: Pos): Constant {
    return { type: 'Constant', value: { kind: 'str', value: s }, kind: this.kind, ...pos };
  }

  /** The trailing text takes the position given here (the one token, for a format spec). */
  finish(pos: Pos): Expr {
    if (!this.fmode) return this.constant(this.lastStr, pos);
    this.flush(pos);
    const j: JoinedStr = { type: 'JoinedStr', values: this.values, ...pos };
    return j;
  }
}

class FString {
  private readonly s: string;
  private i = 0;

  constructor(
    private readonly p: Parser,
    private readonly t: Token,
    private readonly raw: boolean,
    private readonly first: Token,
    private readonly last: Token,
  ) {
    this.s = t.text;
  }

  private err(msg: string): never { throw this.p.errorLast(msg); }

  /** _PyPegen_FstringParser_ConcatFstring over s[start, end). */
  parse(state: Joined, start: number, end: number, level: number): void {
    this.i = start;
    for (;;) {
      const more = this.literal(state, end, level);
      if (more) continue;
      if (this.i >= end || this.s[this.i] === '}') break;
      const value = this.field(end, level, state);
      state.flush();
      state.values.push(value);
    }
    if (level !== 0 && this.s[this.i] !== '}') this.err("f-string: expecting '}'");
  }

  /** fstring_find_literal: text up to an undoubled brace; true when a doubled brace was read. */
  private literal(state: Joined, end: number, level: number): boolean {
    const s = this.s;
    const litStart = this.i;
    let j = this.i;
    let doubled = false;
    while (j < end) {
      let ch = s[j++];
      if (!this.raw && ch === '\\' && j < end) {
        ch = s[j++];
        if (ch === 'N') {
          if (j < end && s[j++] === '{') { while (j < end && s[j++] !== '}') { /* skip the name */ } }
          continue;
        }
      }
      if (ch === '{' || ch === '}') {
        if (level === 0) {
          if (j < end && s[j] === ch) { this.i = j + 1; doubled = true; break; }
          if (ch === '}') { this.i = j - 1; this.err("f-string: single '}' is not allowed"); }
        }
        j--;
        break;
      }
    }
    const stop = doubled ? this.i - 1 : j;
    if (!doubled) this.i = j;
    if (stop > litStart) {
      const text = s.slice(litStart, stop);
      state.addLiteral(this.raw ? text : decodeEscapes(text, false));
    }
    return doubled;
  }

  /** fstring_find_expr: one replacement field starting at '{'. */
  private field(end: number, level: number, outer: Joined): FormattedValue {
    const s = this.s;
    if (level >= 2) this.err('f-string: expressions nested too deeply');
    const brace = this.i;
    this.i++;
    const exprStart = this.i;
    let quote = '';
    let tripleQuote = false;
    const stack: string[] = [];
    for (; this.i < end; this.i++) {
      const ch = s[this.i];
      if (ch === '\\') this.err('f-string expression part cannot include a backslash');
      if (quote) {
        if (ch === quote) {
          if (tripleQuote) {
            if (this.i + 2 < end && s[this.i + 1] === ch && s[this.i + 2] === ch) { this.i += 2; quote = ''; }
          } else quote = '';
        }
        continue;
      }
      if (ch === "'" || ch === '"') {
        tripleQuote = this.i + 2 < end && s[this.i + 1] === ch && s[this.i + 2] === ch;
        if (tripleQuote) this.i += 2;
        quote = ch;
      } else if (ch === '[' || ch === '{' || ch === '(') {
        stack.push(ch);
      } else if (ch === '#') {
        this.err("f-string expression part cannot include '#'");
      } else if (stack.length === 0 && (ch === '!' || ch === ':' || ch === '}' || ch === '=' || ch === '>' || ch === '<')) {
        const next = this.i + 1 < end ? s[this.i + 1] : '';
        if (next === '=' && (ch === '!' || ch === '=' || ch === '<' || ch === '>')) { this.i++; continue; }
        if (ch === '>' || ch === '<') continue;
        break;
      } else if (ch === ']' || ch === '}' || ch === ')') {
        if (!stack.length) this.err(`f-string: unmatched '${ch}'`);
        const open = stack.pop()!;
        if (!((open === '(' && ch === ')') || (open === '[' && ch === ']') || (open === '{' && ch === '}'))) {
          this.err(`f-string: closing parenthesis '${ch}' does not match opening parenthesis '${open}'`);
        }
      }
    }
    const exprEnd = this.i;
    if (quote) this.err('f-string: unterminated string');
    if (stack.length) this.err(`f-string: unmatched '${stack[stack.length - 1]}'`);
    if (this.i >= end) this.err("f-string: expecting '}'");
    const value = this.compile(brace, exprStart, exprEnd);

    let exprText: string | null = null;
    if (s[this.i] === '=') {
      this.i++;
      while (this.i < end && /\s/.test(s[this.i])) this.i++;
      if (this.i >= end) this.err("f-string: expecting '}'");
      exprText = s.slice(exprStart, this.i);
    }
    let conversion = -1;
    if (s[this.i] === '!') {
      this.i++;
      if (this.i >= end) this.err("f-string: expecting '}'");
      conversion = s.charCodeAt(this.i);
      this.i++;
      if (conversion !== 115 && conversion !== 114 && conversion !== 97) {
        this.err("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
    }
    if (this.i >= end) this.err("f-string: expecting '}'");
    let format_spec: JoinedStr | null = null;
    if (s[this.i] === ':') {
      this.i++;
      if (this.i >= end) this.err("f-string: expecting '}'");
      const spec = new Joined(posOf(this.first, this.last), this.first.text.charCodeAt(0) === 117 ? 'u' : null);
      spec.fmode = true;
      this.parse(spec, this.i, end, level + 1);
      format_spec = spec.finish(posOf(this.t, this.t)) as JoinedStr;
    }
    if (this.i >= end || s[this.i] !== '}') this.err("f-string: expecting '}'");
    this.i++;
    if (exprText !== null) {
      outer.addLiteral(exprText);
      if (format_spec === null && conversion === -1) conversion = 114;
    }
    return { type: 'FormattedValue', value, conversion, format_spec, ...posOf(this.first, this.last) };
  }

  /** fstring_compile_expr: parse "(" + text + ")" where the text sits in the file. */
  private compile(brace: number, start: number, end: number): Expr {
    const s = this.s;
    let k = start;
    while (k < end && (s[k] === ' ' || s[k] === '\t' || s[k] === '\n' || s[k] === '\f')) k++;
    if (k === end) {
      const c = s[end];
      if (c === '!' || c === ':' || c === '=') this.err(`f-string: expression required before '${c}'`);
      this.err('f-string: empty expression not allowed');
    }
    // fstring_find_expr_location
    let lines = 0, cols = 0;
    let newlineAfterBrace = true;
    for (let j = brace + 1; j < s.length && s[j] !== '}' && s[j] !== '\n'; j++) {
      if (s[j] !== ' ' && s[j] !== '\t' && s[j] !== '\f') { newlineAfterBrace = false; break; }
    }
    if (!newlineAfterBrace) {
      let j = brace;
      while (j > 0 && s[j] !== '\n') j--;
      cols = brace - j;
      if (s[j] === '\n') cols--;
    }
    for (let j = 0; j < brace; j++) if (s[j] === '\n') lines++;
    const t = this.t;
    const sub = new Parser(new Source('(' + s.slice(start, end) + ')', this.p.source.filename, 'string'), {
      fstring: true,
      firstLineCol: lines !== 0 ? cols : t.col + cols,
      lineOffset: t.line + lines - 1,
    });
    return sub.run(() => sub.parseFstringExpr());
  }
}
