// The `match` statement and its patterns (Grammar/python.gram: match_stmt, patterns). The
// compiler does not run them, but the parser accepts them so such a program is reported as
// unsupported rather than as a syntax error CPython would not raise.

import type { Expr, Pattern, Pos } from './ast.js';
import { Tok, type Token } from './scanner.js';

/** What the pattern parser needs from the parser. */
export interface PatternHost {
  tok(k?: number): Token;
  advance(): Token;
  fail(): never;
  isOp(op: string, k?: number): boolean;
  isKw(kw: string, k?: number): boolean;
  isName(k?: number): boolean;
  eatOp(op: string): Token | null;
  expectOp(op: string): Token;
  fin<T extends object>(node: T, start: { line: number; col: number } | Pos): T & Pos;
  /** A run of STRING tokens as one Constant or JoinedStr. */
  strings(): Expr;
  number(): Expr;
}

export class PatternParser {
  constructor(private readonly p: PatternHost) {}

  /** patterns: an open sequence (`case a, b:`) or one pattern. */
  patterns(): Pattern {
    const p = this.p;
    const start = p.tok();
    const first = this.maybeStar();
    if (!p.isOp(',')) {
      if (first.type === 'MatchStar') p.fail();
      return first;
    }
    const items = [first];
    while (p.eatOp(',')) {
      if (p.isOp(':') || p.isKw('if')) break;
      items.push(this.maybeStar());
    }
    return p.fin({ type: 'MatchSequence' as const, patterns: items }, start);
  }

  private maybeStar(): Pattern {
    const p = this.p;
    const star = p.eatOp('*');
    if (!star) return this.pattern();
    const name = p.tok();
    if (!p.isName()) p.fail();
    p.advance();
    return p.fin({ type: 'MatchStar' as const, name: name.text === '_' ? null : name.text }, star);
  }

  /** pattern: or_pattern ['as' NAME]. */
  pattern(): Pattern {
    const p = this.p;
    const start = p.tok();
    const or = this.orPattern();
    if (!p.isKw('as')) return or;
    p.advance();
    const name = p.tok();
    if (!p.isName() || name.text === '_') p.fail();
    p.advance();
    return p.fin({ type: 'MatchAs' as const, pattern: or, name: name.text }, start);
  }

  private orPattern(): Pattern {
    const p = this.p;
    const start = p.tok();
    const first = this.closed();
    if (!p.isOp('|')) return first;
    const alts = [first];
    while (p.eatOp('|')) alts.push(this.closed());
    return p.fin({ type: 'MatchOr' as const, patterns: alts }, start);
  }

  private closed(): Pattern {
    const p = this.p;
    const t = p.tok();
    if (t.kind === Tok.Number || (t.kind === Tok.Op && t.text === '-')) {
      const value = this.signedNumber();
      return p.fin({ type: 'MatchValue' as const, value }, t);
    }
    if (t.kind === Tok.String) return p.fin({ type: 'MatchValue' as const, value: p.strings() }, t);
    if (t.kind === Tok.Name) {
      if (t.text === 'None' || t.text === 'True' || t.text === 'False') {
        p.advance();
        return p.fin({ type: 'MatchSingleton' as const, value: t.text === 'None' ? null : t.text === 'True' }, t);
      }
      if (!p.isName()) p.fail();
      const nameOrAttr = this.nameOrAttr();
      if (p.isOp('(')) return this.classPattern(nameOrAttr, t);
      if (nameOrAttr.type === 'Attribute') return p.fin({ type: 'MatchValue' as const, value: nameOrAttr }, t);
      if (p.isOp('=')) p.fail();
      return p.fin({ type: 'MatchAs' as const, pattern: null, name: t.text === '_' ? null : t.text }, t);
    }
    if (t.kind === Tok.Op) {
      if (t.text === '(') {
        p.advance();
        if (p.eatOp(')')) return p.fin({ type: 'MatchSequence' as const, patterns: [] }, t);
        const first = this.maybeStar();
        if (p.eatOp(')')) {
          if (first.type === 'MatchStar') return p.fin({ type: 'MatchSequence' as const, patterns: [first] }, t);
          return first; // a group: the inner pattern keeps its own position
        }
        p.expectOp(',');
        const items = [first];
        while (!p.isOp(')')) {
          items.push(this.maybeStar());
          if (!p.eatOp(',')) break;
        }
        p.expectOp(')');
        return p.fin({ type: 'MatchSequence' as const, patterns: items }, t);
      }
      if (t.text === '[') {
        p.advance();
        const items: Pattern[] = [];
        while (!p.isOp(']')) {
          items.push(this.maybeStar());
          if (!p.eatOp(',')) break;
        }
        p.expectOp(']');
        return p.fin({ type: 'MatchSequence' as const, patterns: items }, t);
      }
      if (t.text === '{') return this.mapping(t);
    }
    return p.fail();
  }

  /** signed_number, or a complex literal `real +/- imag`. */
  private signedNumber(): Expr {
    const p = this.p;
    const start = p.tok();
    let value: Expr;
    if (p.eatOp('-')) {
      if (p.tok().kind !== Tok.Number) p.fail();
      value = p.fin({ type: 'UnaryOp' as const, op: 'USub' as const, operand: p.number() }, start);
    } else {
      value = p.number();
    }
    if (p.isOp('+') || p.isOp('-')) {
      const op = p.advance().text === '+' ? 'Add' as const : 'Sub' as const;
      if (p.tok().kind !== Tok.Number) p.fail();
      const right = p.number();
      value = p.fin({ type: 'BinOp' as const, left: value, op, right }, start);
    }
    return value;
  }

  private nameOrAttr(): Expr {
    const p = this.p;
    const t = p.advance();
    let e: Expr = p.fin({ type: 'Name' as const, id: t.text, ctx: 'Load' as const }, t);
    while (p.isOp('.')) {
      p.advance();
      const n = p.tok();
      if (!p.isName()) p.fail();
      p.advance();
      e = p.fin({ type: 'Attribute' as const, value: e, attr: n.text, ctx: 'Load' as const }, t);
    }
    return e;
  }

  private classPattern(cls: Expr, start: Token): Pattern {
    const p = this.p;
    p.expectOp('(');
    const patterns: Pattern[] = [];
    const kwd_attrs: string[] = [];
    const kwd_patterns: Pattern[] = [];
    while (!p.isOp(')')) {
      if (p.isName() && p.isOp('=', 1)) {
        kwd_attrs.push(p.advance().text);
        p.advance();
        kwd_patterns.push(this.pattern());
      } else {
        if (kwd_attrs.length) p.fail();
        patterns.push(this.pattern());
      }
      if (!p.eatOp(',')) break;
    }
    p.expectOp(')');
    return p.fin({ type: 'MatchClass' as const, cls, patterns, kwd_attrs, kwd_patterns }, start);
  }

  private mapping(open: Token): Pattern {
    const p = this.p;
    p.advance();
    const keys: Expr[] = [];
    const patterns: Pattern[] = [];
    let rest: string | null = null;
    while (!p.isOp('}')) {
      if (p.eatOp('**')) {
        const n = p.tok();
        if (!p.isName()) p.fail();
        p.advance();
        rest = n.text;
        p.eatOp(',');
        break;
      }
      const t = p.tok();
      let key: Expr;
      if (t.kind === Tok.Number || (t.kind === Tok.Op && t.text === '-')) key = this.signedNumber();
      else if (t.kind === Tok.String) key = p.strings();
      else if (t.kind === Tok.Name && (t.text === 'None' || t.text === 'True' || t.text === 'False')) {
        p.advance();
        key = p.fin({ type: 'Constant' as const, value: t.text === 'None' ? { kind: 'None' as const } : { kind: 'bool' as const, value: t.text === 'True' }, kind: null }, t);
      } else if (p.isName()) {
        key = this.nameOrAttr();
        if (key.type !== 'Attribute') p.fail();
      } else return p.fail();
      p.expectOp(':');
      keys.push(key);
      patterns.push(this.pattern());
      if (!p.eatOp(',')) break;
    }
    p.expectOp('}');
    return p.fin({ type: 'MatchMapping' as const, keys, patterns, rest }, open);
  }
}


