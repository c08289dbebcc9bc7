// The parser: tokens to the AST CPython 3.11 builds (Grammar/python.gram), by recursive descent.
//
// CPython's PEG parser runs twice on bad input: a plain pass, then a pass with the `invalid_*`
// rules switched on to find a better message. Valid Python never matches an `invalid_*` rule, so
// here each rule's check sits where the parse of valid code fails anyway, and raises the same
// message at the same place. Three details of the two passes matter for which error wins, and
// are modelled: the generic "invalid syntax" sits at the furthest token the plain pass read
// (checks do not move `furthest`); inside `*_without_invalid` rules no check runs (`quiet`), and
// what such a parse memoised (`arguments`) is reused by the checking parse; and a tokenizer error
// later in the file, or an unclosed bracket opened before the error's line, replaces a parser
// error (`laterTokenizerError`).
//
// Positions follow CPython's EXTRA: a node runs from its first token to the last token consumed,
// never counting NEWLINE, INDENT or DEDENT. Where PEG would backtrack out of a trailer or an
// operator whose operand fails, so does this parser, since the checks see what follows.

import type {
  Alias, Arg, Arguments, BoolOperator, CmpOperator, Comprehension, ConstValue, ExceptHandler, Expr,
  ExprContext, Keyword, MatchCase, Module, Name, Operator, Pos, Stmt, WithItem,
} from './ast.js';
import { PySyntaxError, type SyntaxErrorType } from './errors.js';
import { parseStringAtom } from './fstring.js';
import { PatternParser, type PatternHost } from './match.js';
import { ScanError, Scanner, Tok, type Token } from './scanner.js';
import { Source } from './source.js';
import { numberValue } from './strings.js';
import { exprName, invalidTarget, Targets } from './targets.js';

/** The parse cannot go on here; the caller may try another alternative. */
export class ParseFail extends Error {}
const FAIL = new ParseFail('parse failure');

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const AUG_OPS: Record<string, Operator> = {
  '+=': 'Add', '-=': 'Sub', '*=': 'Mult', '@=': 'MatMult', '/=': 'Div', '%=': 'Mod', '&=': 'BitAnd',
  '|=': 'BitOr', '^=': 'BitXor', '<<=': 'LShift', '>>=': 'RShift', '**=': 'Pow', '//=': 'FloorDiv',
};
const COMPARE_OPS: Record<string, CmpOperator> = {
  '==': 'Eq', '!=': 'NotEq', '<': 'Lt', '<=': 'LtE', '>': 'Gt', '>=': 'GtE',
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type AnyNode = Expr | Stmt;

export interface ParserOptions {
  /** Parse an f-string replacement field: errors get the "f-string: " prefix. */
  fstring?: boolean;
  /** Shift applied to columns of tokens on the first line (f-string expressions). */
  firstLineCol?: number;
  lineOffset?: number;
}

export class Parser {
  readonly source: Source;
  private readonly scanner: Scanner;
  private readonly tokens: Token[] = [];
  private pos = 0;
  private readonly fstring: boolean;
  private readonly colShift: number;
  private readonly lineShift: number;
  /** The furthest token the plain parse read (CPython's first pass); checks do not move it. */
  private furthest = 0;
  /** Expressions written in parentheses (the AST does not say; `x: int` vs `(x): int` does). */
  private readonly grouped = new WeakSet<Expr>();
  /** Depth of `invalid_*` checks under way. */
  private checking = 0;
  /** Depth of `*_without_invalid` parses: no `invalid_*` rule runs inside them. */
  private quiet = 0;
  /**
   * Token indices of '(' where call arguments failed to parse quietly. CPython memoises
   * `arguments` whatever mode parsed it, so a later parse there fails at once, its invalid
   * rules unrun.
   */
  private readonly quietArgs = new Set<number>();
  /** The "expected ':'" a match header without its colon raises if nothing else parses. */
  private matchColonMissing: PySyntaxError | null = null;

  constructor(source: Source, options: ParserOptions = {}) {
    this.source = source;
    this.scanner = new Scanner(source);
    this.fstring = options.fstring ?? false;
    this.colShift = options.firstLineCol ?? 0;
    this.lineShift = options.lineOffset ?? 0;
  }

  // ---- tokens ---------------------------------------------------------------------------------

  private tok(k = 0): Token {
    const i = this.pos + k;
    if (i > this.furthest && this.checking === 0) this.furthest = i;
    while (this.tokens.length <= i) {
      const t = this.scanner.next();
      if (this.colShift || this.lineShift) {
        if (t.line === 1) t.col += this.colShift;
        if (t.endLine === 1) t.endCol += this.colShift;
        t.line += this.lineShift;
        t.endLine += this.lineShift;
      }
      this.tokens.push(t);
    }
    return this.tokens[i];
  }
  private get last(): Token { return this.tokens[this.tokens.length - 1]; }

  private isOp(op: string, k = 0): boolean {
    const t = this.tok(k);
    return t.kind === Tok.Op && t.text === op;
  }
  private isKw(kw: string, k = 0): boolean {
    const t = this.tok(k);
    return t.kind === Tok.Name && t.text === kw;
  }
  private eatOp(op: string): Token | null {
    const t = this.tok();
    if (t.kind === Tok.Op && t.text === op) { this.pos++; return t; }
    return null;
  }
  private eatKw(kw: string): Token | null {
    const t = this.tok();
    if (t.kind === Tok.Name && t.text === kw) { this.pos++; return t; }
    return null;
  }
  private expectOp(op: string): Token {
    const t = this.eatOp(op);
    if (!t) throw FAIL;
    return t;
  }
  private expectKw(kw: string): Token {
    const t = this.eatKw(kw);
    if (!t) throw FAIL;
    return t;
  }
  /** `&&':'` in the grammar: a missing token is an immediate "expected ':'" at the current token. */
  private forceOp(op: string): Token {
    const t = this.eatOp(op);
    if (t) return t;
    const c = this.tok();
    throw this.errorAt(`expected '${op}'`, c.line, c.col, c.endLine, c.endCol);
  }
  private isName(k = 0): boolean {
    const t = this.tok(k);
    return t.kind === Tok.Name && !KEYWORDS.has(t.text);
  }
  private expectName(): Token {
    const t = this.tok();
    if (t.kind !== Tok.Name || KEYWORDS.has(t.text)) throw FAIL;
    this.pos++;
    return t;
  }

  /**
   * Between top-level statements nothing can backtrack: forget the tokens consumed so far (but
   * the last, which positions may still read), so a long file does not keep them all alive.
   */
  private dropConsumed(): void {
    const n = this.pos - 1;
    if (n < 256 || this.furthest < this.pos) return;
    this.tokens.splice(0, n);
    this.pos -= n;
    this.furthest -= n;
  }

  // ---- positions and errors -------------------------------------------------------------------

  /** The last consumed token that is not NEWLINE, INDENT or DEDENT. */
  private prevToken(): Token {
    for (let i = this.pos - 1; i >= 0; i--) {
      const k = this.tokens[i].kind;
      if (k !== Tok.Newline && k !== Tok.Indent && k !== Tok.Dedent && k !== Tok.EndMarker) return this.tokens[i];
    }
    return this.tokens[0];
  }

  private fin<T extends object>(node: T, start: { line: number; col: number } | Pos): T & Pos {
    const n = node as unknown as Mutable<Pos>;
    if ('lineno' in start) { n.lineno = start.lineno; n.col_offset = start.col_offset; }
    else { n.lineno = start.line; n.col_offset = start.col; }
    const e = this.prevToken();
    n.end_lineno = e.endLine;
    n.end_col_offset = e.endCol;
    return node as T & Pos;
  }

  private span<T extends object>(node: T, a: Pos, b: Pos): T & Pos {
    const n = node as unknown as Mutable<Pos>;
    n.lineno = a.lineno; n.col_offset = a.col_offset;
    n.end_lineno = b.end_lineno; n.end_col_offset = b.end_col_offset;
    return node as T & Pos;
  }

  errorAt(msg: string, line: number, col: number, endLine: number, endCol: number,
    type: SyntaxErrorType = 'SyntaxError'): PySyntaxError {
    if (this.fstring) {
      // Errors inside a replacement field are located in the "(expr)" text, on the file's line.
      const shift = this.colShift;
      return new PySyntaxError(type, 'f-string: ' + msg, this.source.filename, line, col - shift + 1,
        endLine, endCol < 0 ? endCol + 1 : endCol - shift + 1, this.source.line(line - this.lineShift));
    }
    return this.source.error(type, msg, line, col, endLine, endCol);
  }
  /** RAISE_SYNTAX_ERROR_KNOWN_LOCATION / _RANGE over nodes. */
  errorNode(msg: string, a: Pos, b: Pos = a): PySyntaxError {
    return this.errorAt(msg, a.lineno, a.col_offset, b.end_lineno, b.end_col_offset);
  }
  /** RAISE_SYNTAX_ERROR_STARTING_FROM: from a node to where the tokenizer stands. */
  errorFrom(msg: string, a: Pos): PySyntaxError {
    const t = this.last;
    const e = this.errorAt(msg, a.lineno, a.col_offset, t.endLine, t.endCol);
    return new PySyntaxError(e.pyType, e.msg, e.filename, e.lineno, e.offset, e.end_lineno, t.endCol, e.text);
  }
  /** RAISE_SYNTAX_ERROR: at the furthest token read. */
  errorLast(msg: string, type: SyntaxErrorType = 'SyntaxError'): PySyntaxError {
    const t = this.last;
    if ((t.kind === Tok.Indent || t.kind === Tok.Dedent || t.kind === Tok.EndMarker) && !this.fstring) {
      // These tokens have no column in CPython: the error sits where the tokenizer stopped, which
      // at the end of a file read from disk (as `python3 FILE.py` reads it) is column 0.
      const atEof = t.start >= this.source.text.length;
      return this.source.rawError(type, msg, t.line, atEof ? 0 : t.col, t.line, -1);
    }
    return this.errorAt(msg, t.line, t.col, t.endLine, t.endCol, type);
  }
  private tokPos(t: Token): Pos {
    return { lineno: t.line, col_offset: t.col, end_lineno: t.endLine, end_col_offset: t.endCol };
  }

  // ---- the file -------------------------------------------------------------------------------

  parseFile(): Module {
    const body: Stmt[] = [];
    while (this.tok().kind !== Tok.EndMarker) {
      this.statement(body);
      this.dropConsumed();
    }
    return { type: 'Module', body, type_ignores: [] };
  }

  /** The expression inside an f-string replacement field: `(` expr `)` as CPython wraps it. */
  parseFstringExpr(): Expr {
    const e = this.starExpressions();
    if (this.tok().kind === Tok.Newline) this.pos++;
    if (this.tok().kind !== Tok.EndMarker) throw FAIL;
    return e;
  }

  /** One statement; simple statements on one line may add several. */
  private statement(out: Stmt[]): void {
    const t = this.tok();
    if (t.kind === Tok.Name) {
      switch (t.text) {
        case 'def': out.push(this.funcDef([], null)); return;
        case 'class': out.push(this.classDef([])); return;
        case 'if': out.push(this.ifStmt()); return;
        case 'while': out.push(this.whileStmt()); return;
        case 'for': out.push(this.forStmt(null)); return;
        case 'try': out.push(this.tryStmt()); return;
        case 'with': out.push(this.withStmt(null)); return;
        case 'async': {
          const n = this.tok(1);
          if (n.kind === Tok.Name && (n.text === 'def' || n.text === 'for' || n.text === 'with')) {
            this.pos++;
            out.push(n.text === 'def' ? this.funcDef([], t) : n.text === 'for' ? this.forStmt(t) : this.withStmt(t));
            return;
          }
          break;
        }
      }
      if (t.text === 'match' && this.atExprStart(1)) {
        // A soft keyword: `match` starts a match statement only if one parses here. If neither
        // it nor a simple statement does, a header without its ':' says so (invalid_match_stmt).
        const save = this.pos;
        try {
          out.push(this.matchStmt());
          return;
        } catch (e) {
          if (!(e instanceof ParseFail)) throw e;
          const colonMissing = this.matchColonMissing;
          this.matchColonMissing = null;
          this.pos = save;
          try {
            this.simpleStmts(out);
          } catch (e2) {
            if (e2 instanceof ParseFail && colonMissing) throw colonMissing;
            throw e2;
          }
          return;
        }
      }
    } else if (t.kind === Tok.Op && t.text === '@') {
      out.push(this.decorated());
      return;
    }
    this.simpleStmts(out);
  }

  private simpleStmts(out: Stmt[]): void {
    for (;;) {
      out.push(this.simpleStmt());
      if (this.eatOp(';')) {
        if (this.tok().kind === Tok.Newline) break;
        continue;
      }
      break;
    }
    if (this.tok().kind !== Tok.Newline) throw FAIL;
    this.pos++;
  }

  private simpleStmt(): Stmt {
    const t = this.tok();
    if (t.kind === Tok.Name) {
      switch (t.text) {
        case 'pass': this.pos++; return this.fin({ type: 'Pass' as const }, t);
        case 'break': this.pos++; return this.fin({ type: 'Break' as const }, t);
        case 'continue': this.pos++; return this.fin({ type: 'Continue' as const }, t);
        case 'return': {
          this.pos++;
          const value = this.atExprStart() ? this.starExpressions() : null;
          return this.fin({ type: 'Return' as const, value }, t);
        }
        case 'global': case 'nonlocal': {
          this.pos++;
          const names = [this.expectName().text];
          while (this.eatOp(',')) names.push(this.expectName().text);
          return this.fin({ type: t.text === 'global' ? 'Global' as const : 'Nonlocal' as const, names }, t);
        }
        case 'del': return this.delStmt();
        case 'assert': {
          this.pos++;
          const test = this.expression();
          const msg = this.eatOp(',') ? this.expression() : null;
          return this.fin({ type: 'Assert' as const, test, msg }, t);
        }
        case 'raise': {
          this.pos++;
          let exc: Expr | null = null, cause: Expr | null = null;
          if (this.atExprStart()) {
            exc = this.expression();
            if (this.eatKw('from')) cause = this.expression();
          }
          return this.fin({ type: 'Raise' as const, exc, cause }, t);
        }
        case 'import': return this.importStmt();
        case 'from': return this.fromImport();
      }
    }
    return this.exprStmt();
  }

  /** Whether the current token can start an expression. */
  private atExprStart(k = 0): boolean {
    const t = this.tok(k);
    switch (t.kind) {
      case Tok.Name:
        return !KEYWORDS.has(t.text) || t.text === 'None' || t.text === 'True' || t.text === 'False'
          || t.text === 'not' || t.text === 'lambda' || t.text === 'await' || t.text === 'yield';
      case Tok.Number: case Tok.String: return true;
      case Tok.Op:
        return t.text === '(' || t.text === '[' || t.text === '{' || t.text === '-' || t.text === '+'
          || t.text === '~' || t.text === '...' || t.text === '*';
      default: return false;
    }
  }

  // ---- expression statements and assignment ---------------------------------------------------

  private exprStmt(): Stmt {
    const start = this.tok();
    const first = this.isKw('yield') ? this.yieldExpr() : this.starExpressions();
    const t = this.tok();
    if (first.type === 'Tuple' && !this.parenthesized(first) && this.atExprStart() && !this.isOp('*')) {
      // invalid_assignment's star_named_expressions* walks on past the missing comma, meeting
      // each element as a named_expression (`a, b c = 1` says "Maybe you meant '=='...").
      this.checking++;
      try {
        while (this.atExprStart() && !this.isOp('*')) {
          this.namedExpression();
          if (!this.eatOp(',')) break;
        }
      } catch (e) {
        if (!(e instanceof ParseFail)) throw e;
      } finally { this.checking--; }
      throw FAIL;
    }
    if (t.kind === Tok.Op && t.text === ':=') {
      const a = first.type === 'Tuple' && !this.parenthesized(first) ? first.elts[first.elts.length - 1] : first;
      if (a.type !== 'Starred') throw this.errorNode(`cannot use assignment expressions with ${exprName(a)}`, a);
    }
    if (t.kind === Tok.Op) {
      if (t.text === '=') return this.assignment(start, first);
      if (t.text === ':') return this.annAssign(start, first);
      const op = AUG_OPS[t.text];
      if (op) {
        if (first.type !== 'Name' && first.type !== 'Attribute' && first.type !== 'Subscript') {
          throw this.errorNode(`'${exprName(first)}' is an illegal expression for augmented assignment`, first);
        }
        this.pos++;
        const value = this.isKw('yield') ? this.yieldExpr() : this.starExpressions();
        return this.fin({ type: 'AugAssign' as const, target: this.store(first, 'Store'), op, value }, start);
      }
    }
    return this.fin({ type: 'Expr' as const, value: first }, start);
  }

  private assignment(start: Token, first: Expr): Stmt {
    const targets: Expr[] = [first];
    let value: Expr;
    for (;;) {
      this.expectOp('=');
      const rhsStart = this.pos;
      try {
        value = this.isKw('yield') ? this.yieldExpr() : this.starExpressions();
      } catch (e) {
        if (e instanceof ParseFail) this.checkTargets(targets);
        throw e;
      }
      if (targets.length === 1) this.checkFirstTarget(first, rhsStart);
      if (!this.isOp('=')) break;
      targets.push(value);
    }
    this.checkTargets(targets);
    return this.fin({
      type: 'Assign' as const, targets: targets.map((x) => this.store(x, 'Store')), value, type_comment: null,
    }, start);
  }

  /** invalid_assignment: the first target (of a chain) that cannot be assigned to. */
  private checkTargets(targets: Expr[]): void {
    for (const target of targets) {
      if (target.type === 'Yield' || target.type === 'YieldFrom') {
        throw this.errorNode('assignment to yield expression not possible', target);
      }
      const bad = invalidTarget(target, Targets.Star);
      if (bad) throw this.errorNode(`cannot assign to ${exprName(bad)}`, bad);
    }
  }

  /**
   * invalid_named_expression, as the second pass meets it at the start of a statement:
   * `f() = 1` says "cannot assign to function call here. Maybe you meant '==' instead of '='?".
   */
  private checkFirstTarget(target: Expr, rhsStart: number): void {
    this.checking++;
    try { this.checkFirstTargetCheck(target, rhsStart); } finally { this.checking--; }
  }

  private checkFirstTargetCheck(target: Expr, rhsStart: number): void {
    // In `a, f() = ...` the check meets the last element, the one '=' follows.
    const first = target.type === 'Tuple' && !this.parenthesized(target) ? target.elts[target.elts.length - 1] : target;
    if (first !== target && first.type === 'Name' && invalidTarget(target, Targets.Star)) {
      const save = this.pos;
      this.pos = rhsStart;
      let b: Expr | null = null;
      try {
        if (!this.isKw('yield')) {
          b = this.bitwiseOr();
          if (this.isOp('=') || this.isOp(':=')) b = null;
        }
      } catch (e) {
        if (!(e instanceof ParseFail)) throw e;
      }
      this.pos = save;
      if (b) throw this.errorNode("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", first, b);
      return;
    }
    if (first.type === 'Name' || first.type === 'Attribute' || first.type === 'Subscript'
      || first.type === 'List' || first.type === 'Tuple' || first.type === 'Starred'
      || first.type === 'GeneratorExp') return;
    if (first.type === 'Constant' && (first.value.kind === 'None' || first.value.kind === 'bool')) return;
    if (!this.isBitwiseOrLevel(first)) return;
    // The right side must itself be a bitwise_or not followed by '=' or ':='.
    const save = this.pos;
    this.pos = rhsStart;
    let ok = false;
    try {
      if (!this.isKw('yield')) {
        this.bitwiseOr();
        ok = !this.isOp('=') && !this.isOp(':=');
      }
    } catch (e) {
      if (!(e instanceof ParseFail)) throw e;
    }
    this.pos = save;
    if (ok) throw this.errorNode(`cannot assign to ${exprName(first)} here. Maybe you meant '==' instead of '='?`, first);
  }

  /** Whether an expression node is what a bare `bitwise_or` could have produced. */
  private isBitwiseOrLevel(e: Expr): boolean {
    switch (e.type) {
      case 'BoolOp': case 'Compare': case 'IfExp': case 'Lambda': case 'NamedExpr': case 'Starred':
      case 'Yield': case 'YieldFrom':
        return false;
      case 'UnaryOp': return e.op !== 'Not';
      default: return true;
    }
  }

  private annAssign(start: Token, target: Expr): Stmt {
    if (target.type !== 'Name' && target.type !== 'Attribute' && target.type !== 'Subscript') {
      // invalid_assignment needs an annotation after the ':' to say anything specific.
      this.pos++;
      this.checking++;
      try { this.expression(); } finally { this.checking--; }
      if (target.type === 'Tuple' && !this.parenthesized(target)) {
        throw this.errorNode('only single target (not tuple) can be annotated', target.elts[0]);
      }
      if (target.type === 'List' || target.type === 'Tuple') {
        throw this.errorNode(`only single target (not ${exprName(target)}) can be annotated`, target);
      }
      throw this.errorNode('illegal target for annotation', target);
    }
    this.pos++;
    const annotation = this.expression();
    let value: Expr | null = null;
    if (this.eatOp('=')) value = this.isKw('yield') ? this.yieldExpr() : this.starExpressions();
    const simple = target.type === 'Name' && !this.parenthesized(target) ? 1 : 0;
    return this.fin({ type: 'AnnAssign' as const, target: this.store(target, 'Store'), annotation, value, simple }, start);
  }

  /** Whether an expression was written in parentheses: `(x)`, or a tuple with its own. */
  private parenthesized(e: Expr): boolean {
    return this.grouped.has(e);
  }

  /** Sets the context of a validated target (and of its elements) in place. */
  private store(e: Expr, ctx: ExprContext): Expr {
    switch (e.type) {
      case 'Name': case 'Attribute': case 'Subscript':
        (e as Mutable<typeof e>).ctx = ctx; break;
      case 'Starred':
        (e as Mutable<typeof e>).ctx = ctx; this.store(e.value, ctx); break;
      case 'List': case 'Tuple':
        (e as Mutable<typeof e>).ctx = ctx;
        for (const x of e.elts) this.store(x, ctx);
        break;
    }
    return e;
  }

  private delStmt(): Stmt {
    const start = this.expectKw('del');
    const targets: Expr[] = [];
    do {
      if (!this.atExprStart() || this.isOp('*')) break;
      targets.push(this.bitwiseOrOrStar());
    } while (this.eatOp(',') && !this.isStmtEnd());
    if (targets.length === 0 || !this.isStmtEnd()) {
      // invalid_del_stmt: 'del' star_expressions
      this.pos = this.tokens.indexOf(start) + 1;
      const all = this.starExpressions();
      const bad = invalidTarget(all, Targets.Del);
      if (bad) throw this.errorNode(`cannot delete ${exprName(bad)}`, bad);
      throw FAIL;
    }
    for (const t of targets) {
      const bad = invalidTarget(t, Targets.Del);
      if (bad) throw this.errorNode(`cannot delete ${exprName(bad)}`, bad);
    }
    return this.fin({ type: 'Delete' as const, targets: targets.map((x) => this.store(x, 'Del')) }, start);
  }

  private isStmtEnd(): boolean {
    const t = this.tok();
    return t.kind === Tok.Newline || (t.kind === Tok.Op && t.text === ';');
  }

  private bitwiseOrOrStar(): Expr {
    const s = this.eatOp('*');
    if (s) return this.fin({ type: 'Starred' as const, value: this.bitwiseOr(), ctx: 'Load' as ExprContext }, s);
    return this.bitwiseOr();
  }

  // ---- imports --------------------------------------------------------------------------------

  private dottedName(): string {
    let name = this.expectName().text;
    while (this.eatOp('.')) name += '.' + this.expectName().text;
    return name;
  }

  private importStmt(): Stmt {
    const start = this.expectKw('import');
    const names: Alias[] = [];
    do {
      const s = this.tok();
      const name = this.dottedName();
      const asname = this.eatKw('as') ? this.expectName().text : null;
      names.push(this.fin({ type: 'alias' as const, name, asname }, s));
    } while (this.eatOp(','));
    return this.fin({ type: 'Import' as const, names }, start);
  }

  private fromImport(): Stmt {
    const start = this.expectKw('from');
    let level = 0;
    for (;;) {
      if (this.eatOp('.')) level++;
      else if (this.eatOp('...')) level += 3;
      else break;
    }
    const module = level > 0 && this.isKw('import') ? null : this.dottedName();
    this.expectKw('import');
    const names: Alias[] = [];
    const star = this.tok();
    if (this.eatOp('*')) {
      names.push(this.fin({ type: 'alias' as const, name: '*', asname: null }, star));
    } else {
      const paren = this.eatOp('(');
      do {
        if (paren && this.isOp(')')) break;
        if (!paren && this.tok().kind === Tok.Newline && names.length) {
          throw this.errorLast('trailing comma not allowed without surrounding parentheses');
        }
        const s = this.tok();
        const name = this.expectName().text;
        const asname = this.eatKw('as') ? this.expectName().text : null;
        names.push(this.fin({ type: 'alias' as const, name, asname }, s));
      } while (this.eatOp(','));
      if (paren) this.expectOp(')');
      else if (this.prevToken().text === ',' && this.tok().kind === Tok.Newline) {
        throw this.errorLast('trailing comma not allowed without surrounding parentheses');
      }
    }
    return this.fin({ type: 'ImportFrom' as const, module, names, level }, start);
  }

  // ---- compound statements --------------------------------------------------------------------

  /**
   * A block after ':': an indented suite, or simple statements on the same line. `what` names the
   * statement for "expected an indented block after ...".
   */
  private block(what: string, line: number): Stmt[] {
    const body: Stmt[] = [];
    if (this.tok().kind === Tok.Newline) {
      this.pos++;
      if (this.tok().kind !== Tok.Indent) {
        throw this.errorLast(`expected an indented block after ${what} on line ${line}`, 'IndentationError');
      }
      this.pos++;
      do this.statement(body); while (this.tok().kind !== Tok.Dedent && this.tok().kind !== Tok.EndMarker);
      if (this.tok().kind === Tok.Dedent) this.pos++;
      return body;
    }
    this.simpleStmts(body);
    return body;
  }

  /** The ':' of a compound statement header: missing before a NEWLINE it is "expected ':'". */
  private headerColon(): void {
    if (this.eatOp(':')) return;
    if (this.tok().kind === Tok.Newline) throw this.errorLast("expected ':'");
    throw FAIL;
  }

  private matchStmt(): Stmt {
    const start = this.tok();
    this.pos++;
    const sstart = this.tok();
    let subject = this.starExpression(true);
    if (this.isOp(',')) {
      const elts = [subject];
      while (this.eatOp(',')) {
        if (this.isOp(':')) break;
        elts.push(this.starExpression(true));
      }
      subject = this.fin({ type: 'Tuple' as const, elts, ctx: 'Load' as ExprContext }, sstart);
    } else if (subject.type === 'Starred') throw FAIL;
    if (this.tok().kind === Tok.Newline) {
      this.matchColonMissing = this.errorLast("expected ':'");
      throw FAIL;
    }
    this.expectOp(':');
    if (this.tok().kind !== Tok.Newline) throw FAIL;
    this.pos++;
    if (this.tok().kind !== Tok.Indent) {
      throw this.errorLast(`expected an indented block after 'match' statement on line ${start.line}`, 'IndentationError');
    }
    this.pos++;
    const cases: MatchCase[] = [];
    const patterns = new PatternParser(this.patternHost());
    while (this.isKw('case')) {
      const c = this.tok();
      this.pos++;
      const pattern = patterns.patterns();
      const guard = this.eatKw('if') ? this.namedExpression() : null;
      this.headerColon();
      const body = this.block("'case' statement", c.line);
      cases.push({ type: 'match_case', pattern, guard, body });
    }
    if (!cases.length) throw FAIL;
    if (this.tok().kind === Tok.Dedent) this.pos++;
    else if (this.tok().kind !== Tok.EndMarker) throw FAIL;
    return this.fin({ type: 'Match' as const, subject, cases }, start);
  }

  private patternHost(): PatternHost {
    return {
      tok: (k) => this.tok(k),
      advance: () => this.tokens[this.pos++],
      fail: () => { throw FAIL; },
      isOp: (op, k) => this.isOp(op, k),
      isKw: (kw, k) => this.isKw(kw, k),
      isName: (k) => this.isName(k),
      eatOp: (op) => this.eatOp(op),
      expectOp: (op) => this.expectOp(op),
      fin: (node, start) => this.fin(node, start),
      strings: () => this.atom(),
      number: () => this.atom(),
    };
  }

  private decorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.eatOp('@')) {
      decorators.push(this.namedExpression());
      if (this.tok().kind !== Tok.Newline) throw FAIL;
      this.pos++;
    }
    if (this.isKw('def')) return this.funcDef(decorators, null);
    if (this.isKw('class')) return this.classDef(decorators);
    const a = this.eatKw('async');
    if (a && this.isKw('def')) return this.funcDef(decorators, a);
    throw FAIL;
  }

  private funcDef(decorator_list: Expr[], asyncTok: Token | null): Stmt {
    const def = this.expectKw('def');
    const start = asyncTok ?? def;
    const name = this.expectName().text;
    this.forceOp('(');
    const args = this.parameters(')');
    this.expectOp(')');
    const returns = this.eatOp('->') ? this.expression() : null;
    this.forceOp(':');
    const body = this.block('function definition', def.line);
    return this.fin({
      type: asyncTok ? 'AsyncFunctionDef' as const : 'FunctionDef' as const,
      name, args, body, decorator_list, returns, type_comment: null,
    }, start);
  }

  private classDef(decorator_list: Expr[]): Stmt {
    const start = this.expectKw('class');
    const name = this.expectName().text;
    let bases: Expr[] = [], keywords: Keyword[] = [];
    if (this.eatOp('(')) {
      if (!this.isOp(')')) ({ args: bases, keywords } = this.callArguments());
      this.expectOp(')');
    }
    this.headerColon();
    const body = this.block('class definition', start.line);
    return this.fin({ type: 'ClassDef' as const, name, bases, keywords, body, decorator_list }, start);
  }

  private ifStmt(): Stmt {
    const start = this.tok();
    this.pos++;
    const test = this.namedExpression();
    this.headerColon();
    const body = this.block(`'${start.text}' statement`, start.line);
    let orelse: Stmt[] = [];
    if (this.isKw('elif')) orelse = [this.ifStmt()];
    else if (this.isKw('else')) orelse = this.elseBlock();
    return this.fin({ type: 'If' as const, test, body, orelse }, start);
  }

  private elseBlock(): Stmt[] {
    const e = this.expectKw('else');
    this.forceOp(':');
    return this.block("'else' statement", e.line);
  }

  private whileStmt(): Stmt {
    const start = this.expectKw('while');
    const test = this.namedExpression();
    this.headerColon();
    const body = this.block("'while' statement", start.line);
    const orelse = this.isKw('else') ? this.elseBlock() : [];
    return this.fin({ type: 'While' as const, test, body, orelse }, start);
  }

  private forStmt(asyncTok: Token | null): Stmt {
    const f = this.expectKw('for');
    const start = asyncTok ?? f;
    const targetStart = this.pos;
    let target: Expr;
    try {
      target = this.targetList();
      if (!this.isKw('in')) throw FAIL;
    } catch (e) {
      if (!(e instanceof ParseFail)) throw e;
      this.invalidForTarget(targetStart);
      throw e;
    }
    this.expectKw('in');
    const iter = this.starExpressions();
    this.headerColon();
    const body = this.block("'for' statement", f.line);
    const orelse = this.isKw('else') ? this.elseBlock() : [];
    return this.fin({
      type: asyncTok ? 'AsyncFor' as const : 'For' as const, target, iter, body, orelse, type_comment: null,
    }, start);
  }

  /** invalid_for_target: 'for' star_expressions with something that cannot be assigned to. */
  private invalidForTarget(at: number): void {
    this.checking++;
    try { this.invalidForTargetCheck(at); } finally { this.checking--; }
  }

  private invalidForTargetCheck(at: number): void {
    this.pos = at;
    try {
      const e = this.starExpressions();
      const bad = invalidTarget(e, Targets.For);
      if (bad) throw this.errorNode(`cannot assign to ${exprName(bad)}`, bad);
    } catch (e) {
      if (!(e instanceof ParseFail)) throw e;
    }
  }

  private tryStmt(): Stmt {
    const start = this.expectKw('try');
    this.forceOp(':');
    const body = this.block("'try' statement", start.line);
    const handlers: ExceptHandler[] = [];
    let star = false;
    while (this.isKw('except')) {
      const ex = this.expectKw('except');
      if (this.eatOp('*')) star = true;
      let exc_type: Expr | null = null, name: string | null = null;
      if (!this.isOp(':') && this.tok().kind !== Tok.Newline) {
        exc_type = this.expression();
        if (this.isOp(',')) {
          // invalid_except_stmt: except A, B:
          const save = this.pos;
          try {
            this.pos++;
            this.expressionsList();
            if (this.eatKw('as')) this.expectName();
            if (this.isOp(':')) {
              throw this.errorFrom('multiple exception types must be parenthesized', exc_type);
            }
          } catch (e) { if (!(e instanceof ParseFail)) throw e; }
          this.pos = save;
        }
        if (this.eatKw('as')) name = this.expectName().text;
      }
      this.headerColon();
      const hbody = this.block(star ? "'except*' statement" : "'except' statement", ex.line);
      handlers.push(this.fin({ type: 'ExceptHandler' as const, exc_type, name, body: hbody }, ex));
    }
    const orelse = handlers.length && this.isKw('else') ? this.elseBlock() : [];
    let finalbody: Stmt[] = [];
    if (this.isKw('finally')) {
      const f = this.expectKw('finally');
      this.forceOp(':');
      finalbody = this.block("'finally' statement", f.line);
    } else if (handlers.length === 0) {
      throw this.errorLast("expected 'except' or 'finally' block");
    }
    return this.fin({ type: star ? 'TryStar' as const : 'Try' as const, body, handlers, orelse, finalbody }, start);
  }

  private expressionsList(): Expr[] {
    const out = [this.expression()];
    while (this.eatOp(',') && this.atExprStart()) out.push(this.expression());
    return out;
  }

  private withStmt(asyncTok: Token | null): Stmt {
    const w = this.expectKw('with');
    const start = asyncTok ?? w;
    let items: WithItem[] | null = null;
    if (this.isOp('(')) {
      // with ( item, item, ) : -- falls back to a parenthesised expression when it is not one.
      const save = this.pos;
      try {
        this.pos++;
        items = [];
        do {
          if (items.length && this.isOp(')')) break;
          items.push(this.withItem());
        } while (this.eatOp(','));
        this.expectOp(')');
        if (!this.isOp(':')) throw FAIL;
      } catch (e) {
        if (!(e instanceof ParseFail)) throw e;
        this.pos = save;
        items = null;
      }
    }
    if (!items) {
      items = [];
      do items.push(this.withItem()); while (this.eatOp(','));
    }
    this.headerColon();
    const body = this.block("'with' statement", w.line);
    return this.fin({ type: asyncTok ? 'AsyncWith' as const : 'With' as const, items, body, type_comment: null }, start);
  }

  private withItem(): WithItem {
    const context_expr = this.expression();
    let optional_vars: Expr | null = null;
    if (this.eatKw('as')) {
      const at = this.pos;
      try {
        optional_vars = this.target();
        if (!this.isOp(',') && !this.isOp(')') && !this.isOp(':') && this.tok().kind !== Tok.Newline) throw FAIL;
      } catch (e) {
        if (!(e instanceof ParseFail)) throw e;
        this.pos = at;
        const x = this.expression();
        const bad = invalidTarget(x, Targets.Star);
        if (bad && (this.isOp(',') || this.isOp(')') || this.isOp(':'))) {
          throw this.errorNode(`cannot assign to ${exprName(bad)}`, bad);
        }
        throw e;
      }
    }
    return { type: 'withitem', context_expr, optional_vars };
  }

  // ---- targets --------------------------------------------------------------------------------

  /** star_targets: one target or an unparenthesised tuple of them, in Store context. */
  private targetList(): Expr {
    const start = this.tok();
    const first = this.starTarget();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isKw('in') || this.isOp('=') || !this.atExprStart()) break;
      elts.push(this.starTarget());
    }
    return this.fin({ type: 'Tuple' as const, elts, ctx: 'Store' as ExprContext }, start);
  }

  private starTarget(): Expr {
    const s = this.eatOp('*');
    if (s) {
      if (this.isOp('*')) throw FAIL;
      return this.fin({ type: 'Starred' as const, value: this.target(), ctx: 'Store' as ExprContext }, s);
    }
    return this.target();
  }

  /** A single target: a name, attribute, subscript, or a parenthesised/bracketed target list. */
  private target(): Expr {
    const e = this.bitwiseOr();
    const bad = invalidTarget(e, Targets.Star);
    if (bad) throw FAIL;
    return this.store(e, 'Store');
  }

  // ---- parameters -----------------------------------------------------------------------------

  /** Function parameters up to `close` (')' for def, ':' for lambda). */
  private parameters(close: string): Arguments {
    const lambda = close === ':';
    const posonlyargs: Arg[] = [], args: Arg[] = [], kwonlyargs: Arg[] = [];
    const defaults: Expr[] = [], kw_defaults: (Expr | null)[] = [];
    let vararg: Arg | null = null, kwarg: Arg | null = null;
    let star = false;
    const result = (): Arguments => ({ type: 'arguments', posonlyargs, args, vararg, kwonlyargs, kw_defaults, kwarg, defaults });
    while (!this.isOp(close)) {
      const t = this.tok();
      if (this.eatOp('/')) {
        if (posonlyargs.length || star) throw this.errorNode('/ may appear only once', this.tokPos(t));
        if (args.length === 0) throw this.errorNode('at least one argument must precede /', this.tokPos(t));
        posonlyargs.push(...args.splice(0));
      } else if (this.eatOp('**')) {
        kwarg = this.param(lambda);
        if (this.isOp('=')) throw this.errorNode('var-keyword argument cannot have default value', this.tokPos(this.tok()));
        if (this.eatOp(',') && !this.isOp(close)) {
          const n = this.tok();
          if (this.isName() || this.isOp('*') || this.isOp('**') || this.isOp('/')) {
            throw this.errorNode('arguments cannot follow var-keyword argument', this.tokPos(n));
          }
        }
        break;
      } else if (this.eatOp('*')) {
        if (star) throw this.errorNode('* argument may appear only once', this.tokPos(t));
        star = true;
        if (this.isName()) {
          vararg = this.param(lambda, true);
          if (this.isOp('=')) throw this.errorNode('var-positional argument cannot have default value', this.tokPos(this.tok()));
        } else if (this.isOp(close) || (this.isOp(',') && (this.isOp(close, 1) || this.isOp('**', 1)))) {
          if (lambda) throw this.errorLast('named arguments must follow bare *');
          throw this.errorNode('named arguments must follow bare *', this.tokPos(t));
        }
      } else if (this.isOp('(') && !star && !defaults.length && !posonlyargs.length) {
        // invalid_parameters: def f((a, b)): ...
        const save = this.pos++;
        try {
          do { this.param(lambda); } while (this.eatOp(',') && !this.isOp(')'));
          const close = this.expectOp(')');
          throw this.errorNode(lambda ? 'Lambda expression parameters cannot be parenthesized'
            : 'Function parameters cannot be parenthesized', this.tokPos(t), this.tokPos(close));
        } catch (e) {
          if (!(e instanceof ParseFail)) throw e;
          this.pos = save;
          throw e;
        }
      } else {
        const a = this.param(lambda);
        let dflt: Expr | null = null;
        const eq = this.tok();
        if (this.eatOp('=')) {
          if (this.isOp(',') || this.isOp(close)) throw this.errorNode('expected default value expression', this.tokPos(eq));
          dflt = this.expression();
        }
        if (star) { kwonlyargs.push(a); kw_defaults.push(dflt); }
        else {
          if (dflt) defaults.push(dflt);
          else if (defaults.length) throw this.errorNode('non-default argument follows default argument', a);
          args.push(a);
        }
      }
      if (!this.eatOp(',')) break;
    }
    return result();
  }

  private param(lambda: boolean, starAnnotation = false): Arg {
    const t = this.expectName();
    let annotation: Expr | null = null;
    if (!lambda && this.eatOp(':')) {
      if (starAnnotation && this.isOp('*')) annotation = this.bitwiseOrOrStar();
      else annotation = this.expression();
    }
    return this.fin({ type: 'arg' as const, arg: t.text, annotation, type_comment: null }, t);
  }

  // ---- expressions ----------------------------------------------------------------------------

  /** star_expressions: an expression, or an unparenthesised tuple (with `*x` items). */
  starExpressions(named = false): Expr {
    const start = this.tok();
    const first = this.starExpression(named);
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (!this.atExprStart() || this.isKw('yield')) break;
      elts.push(this.starExpression(named));
    }
    return this.fin({ type: 'Tuple' as const, elts, ctx: 'Load' as ExprContext }, start);
  }

  private starExpression(named = false): Expr {
    const s = this.eatOp('*');
    if (s) return this.fin({ type: 'Starred' as const, value: this.bitwiseOr(), ctx: 'Load' as ExprContext }, s);
    return named ? this.namedExpression() : this.expression();
  }

  private yieldExpr(): Expr {
    const start = this.expectKw('yield');
    if (this.eatKw('from')) return this.fin({ type: 'YieldFrom' as const, value: this.expression() }, start);
    const value = this.atExprStart() && !this.isKw('yield') ? this.starExpressions() : null;
    return this.fin({ type: 'Yield' as const, value }, start);
  }

  /** named_expression: `NAME := expression` or an expression (not followed by ':='). */
  namedExpression(): Expr {
    if (this.isName() && this.isOp(':=', 1)) {
      const t = this.tok();
      this.pos += 2;
      const target = this.fin({ type: 'Name' as const, id: t.text, ctx: 'Store' as ExprContext }, t);
      target.end_lineno = t.endLine; target.end_col_offset = t.endCol;
      const value = this.expression();
      return this.fin({ type: 'NamedExpr' as const, target, value }, t);
    }
    const e = this.expression();
    if (this.quiet > 0) return e;
    if (this.isOp(':=')) throw this.errorNode(`cannot use assignment expressions with ${exprName(e)}`, e);
    if (this.isOp('=')) this.invalidNamedAssign(e);
    return e;
  }

  /** invalid_named_expression for `=` where only an expression may stand (`if x = 1:`). */
  private invalidNamedAssign(a: Expr): void {
    this.checking++;
    try { this.invalidNamedAssignCheck(a); } finally { this.checking--; }
  }

  private invalidNamedAssignCheck(a: Expr): void {
    const save = this.pos;
    this.pos++;
    let b: Expr | null = null;
    try {
      b = this.bitwiseOr();
      if (this.isOp('=') || this.isOp(':=')) b = null;
    } catch (e) { if (!(e instanceof ParseFail)) throw e; }
    this.pos = save;
    if (!b) return;
    if (a.type === 'Name') throw this.errorNode("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", a, b);
    if (a.type === 'List' || a.type === 'Tuple' || a.type === 'GeneratorExp') return;
    if (a.type === 'Constant' && (a.value.kind === 'None' || a.value.kind === 'bool')) return;
    if (!this.isBitwiseOrLevel(a)) return;
    throw this.errorNode(`cannot assign to ${exprName(a)} here. Maybe you meant '==' instead of '='?`, a);
  }

  expression(): Expr {
    if (this.isKw('lambda')) return this.lambda();
    const startIdx = this.pos;
    const checks = this.quiet === 0;
    const st = this.tok();
    const a = this.disjunction();
    if (this.isKw('if')) {
      this.pos++;
      const test = this.disjunction();
      if (!this.eatKw('else')) {
        if (checks && !this.isOp(':')) throw this.errorNode("expected 'else' after 'if' expression", a, test);
        throw FAIL;
      }
      const orelse = this.expression();
      return this.fin({ type: 'IfExp' as const, test, body: a, orelse }, st);
    }
    if (checks && this.atExprStart() && !this.isOp('*')) {
      this.invalidExpression(a, startIdx);
    }
    return a;
  }

  /**
   * Two expressions side by side: invalid_expression ("Perhaps you forgot a comma?", only inside
   * brackets) and invalid_legacy_expression (`print "x"`).
   */
  private invalidExpression(a: Expr, startIdx: number): void {
    this.checking++;
    try { this.invalidExpressionCheck(a, startIdx); } finally { this.checking--; }
  }

  private invalidExpressionCheck(a: Expr, startIdx: number): void {
    const first = this.tokens[startIdx];
    const second = this.tokens[startIdx + 1];
    const legacy = a.type === 'Name' && (a.id === 'print' || a.id === 'exec');
    // _PyPegen_soft_keyword_token compares only the token's length of each soft keyword, so any
    // prefix of "match" or "case" counts as one.
    const soft = first.kind === Tok.Name && ('match'.startsWith(first.text) || 'case'.startsWith(first.text) || first.text === '_');
    const nameString = first.kind === Tok.Name && second?.kind === Tok.String;
    const save = this.pos;
    if (!nameString && !soft && !legacy) {
      try {
        const b = this.expressionNoInvalid();
        if (this.tokens[this.pos - 1].level > 0) throw this.errorNode('invalid syntax. Perhaps you forgot a comma?', a, b);
      } catch (e) { if (!(e instanceof ParseFail)) throw e; }
      this.pos = save;
    }
    // invalid_legacy_expression: NAME !'(' star_expressions, parsed (with its own checks) for
    // any name, though only print and exec make it raise.
    if (first.kind === Tok.Name && !KEYWORDS.has(first.text) && !(second.kind === Tok.Op && second.text === '(')) {
      this.pos = startIdx + 1;
      try {
        const b = this.starExpressions();
        if (legacy) {
          const n = a as Name;
          throw this.errorNode(`Missing parentheses in call to '${n.id}'. Did you mean ${n.id}(...)?`, this.tokPos(first), b);
        }
      } catch (e) { if (!(e instanceof ParseFail)) throw e; }
      this.pos = save;
    }
  }

  private expressionNoInvalid(): Expr {
    this.quiet++;
    try { return this.expressionQuiet(); } finally { this.quiet--; }
  }

  private expressionQuiet(): Expr {
    if (this.isKw('lambda')) return this.lambda();
    const st = this.tok();
    const a = this.disjunction();
    if (this.isKw('if')) {
      this.pos++;
      const test = this.disjunction();
      this.expectKw('else');
      const orelse = this.expressionQuiet();
      return this.fin({ type: 'IfExp' as const, test, body: a, orelse }, st);
    }
    return a;
  }

  private lambda(): Expr {
    const start = this.expectKw('lambda');
    const args = this.parameters(':');
    this.expectOp(':');
    const body = this.expression();
    return this.fin({ type: 'Lambda' as const, args, body }, start);
  }

  private disjunction(): Expr {
    const st = this.tok();
    const a = this.conjunction();
    if (!this.isKw('or')) return a;
    const values = [a];
    while (this.eatKw('or')) values.push(this.conjunction());
    return this.fin({ type: 'BoolOp' as const, op: 'Or' as BoolOperator, values }, st);
  }

  private conjunction(): Expr {
    const st = this.tok();
    const a = this.inversion();
    if (!this.isKw('and')) return a;
    const values = [a];
    while (this.eatKw('and')) values.push(this.inversion());
    return this.fin({ type: 'BoolOp' as const, op: 'And' as BoolOperator, values }, st);
  }

  private inversion(): Expr {
    const t = this.eatKw('not');
    if (t) return this.fin({ type: 'UnaryOp' as const, op: 'Not' as const, operand: this.inversion() }, t);
    return this.comparison();
  }

  private comparison(): Expr {
    const st = this.tok();
    const left = this.bitwiseOr();
    const ops: CmpOperator[] = [];
    const comparators: Expr[] = [];
    for (;;) {
      const t = this.tok();
      const save = this.pos;
      let op: CmpOperator | undefined;
      if (t.kind === Tok.Op) {
        op = COMPARE_OPS[t.text];
        if (op) this.pos++;
      } else if (t.kind === Tok.Name) {
        if (t.text === 'in') { op = 'In'; this.pos++; }
        else if (t.text === 'is') { this.pos++; op = this.eatKw('not') ? 'IsNot' : 'Is'; }
        else if (t.text === 'not' && this.isKw('in', 1)) { this.pos += 2; op = 'NotIn'; }
      }
      if (!op) break;
      try { comparators.push(this.bitwiseOr()); } catch (e) {
        if (!(e instanceof ParseFail)) throw e;
        this.pos = save;
        break;
      }
      ops.push(op);
    }
    if (!ops.length) return left;
    return this.fin({ type: 'Compare' as const, left, ops, comparators }, st);
  }

  private binary(next: () => Expr, ops: Record<string, Operator>): Expr {
    const st = this.tok();
    let left = next();
    for (;;) {
      const t = this.tok();
      if (t.kind !== Tok.Op) return left;
      const op = ops[t.text];
      if (!op) return left;
      const save = this.pos++;
      let right: Expr;
      try { right = next(); } catch (e) {
        if (!(e instanceof ParseFail)) throw e;
        this.pos = save;
        return left;
      }
      left = this.fin({ type: 'BinOp' as const, left, op, right }, st);
    }
  }

  bitwiseOr(): Expr { return this.binary(this.bitwiseXor, OR_OPS); }
  private bitwiseXor = (): Expr => this.binary(this.bitwiseAnd, XOR_OPS);
  private bitwiseAnd = (): Expr => this.binary(this.shiftExpr, AND_OPS);
  private shiftExpr = (): Expr => this.binary(this.sum, SHIFT_OPS);
  private sum = (): Expr => this.binary(this.term, SUM_OPS);
  private term = (): Expr => this.binary(this.factor, TERM_OPS);

  private factor = (): Expr => {
    const t = this.tok();
    if (t.kind === Tok.Op && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.pos++;
      const operand = this.factor();
      const op = t.text === '-' ? 'USub' as const : t.text === '+' ? 'UAdd' as const : 'Invert' as const;
      return this.fin({ type: 'UnaryOp' as const, op, operand }, t);
    }
    return this.power();
  };

  private power(): Expr {
    const st = this.tok();
    const left = this.awaitPrimary();
    if (!this.isOp('**')) return left;
    const save = this.pos++;
    let right: Expr;
    try { right = this.factor(); } catch (e) {
      if (!(e instanceof ParseFail)) throw e;
      this.pos = save;
      return left;
    }
    return this.fin({ type: 'BinOp' as const, left, op: 'Pow' as Operator, right }, st);
  }

  private awaitPrimary(): Expr {
    const t = this.eatKw('await');
    if (t) return this.fin({ type: 'Await' as const, value: this.primary() }, t);
    return this.primary();
  }

  private primary(): Expr {
    const st = this.tok();
    let e = this.atom();
    for (;;) {
      const t = this.tok();
      if (t.kind !== Tok.Op) return e;
      // A trailer that does not parse is not part of the primary (PEG backtracking).
      const save = this.pos;
      try {
        if (t.text === '.') {
          this.pos++;
          const name = this.expectName();
          e = this.fin({ type: 'Attribute' as const, value: e, attr: name.text, ctx: 'Load' as ExprContext }, st);
        } else if (t.text === '(') {
          e = this.call(e, st);
        } else if (t.text === '[') {
          this.pos++;
          const slice = this.slices();
          this.expectOp(']');
          e = this.fin({ type: 'Subscript' as const, value: e, slice, ctx: 'Load' as ExprContext }, st);
        } else return e;
      } catch (err) {
        if (!(err instanceof ParseFail)) throw err;
        this.pos = save;
        return e;
      }
    }
  }

  private call(func: Expr, st: Token): Expr {
    const at = this.pos;
    if (this.quietArgs.has(at)) throw FAIL;
    try {
      return this.callRest(func, st);
    } catch (e) {
      if (e instanceof ParseFail && this.quiet > 0) this.quietArgs.add(at);
      throw e;
    }
  }

  private callRest(func: Expr, st: Token): Expr {
    const open = this.expectOp('(');
    if (this.eatOp(')')) return this.fin({ type: 'Call' as const, func, args: [], keywords: [] }, st);
    // f(x for x in y): the generator expression takes the call's parentheses. The first argument
    // is parsed once either way (re-parsing it would cost twice per nesting level).
    let first: Expr | null = null;
    if (!this.isOp('*') && !this.isOp('**') && !(this.tok().kind === Tok.Name && this.isOp('=', 1))) {
      const elt = this.isName() && this.isOp(':=', 1) ? this.namedExpression() : this.expression();
      if (this.isKw('for') || (this.isKw('async') && this.isKw('for', 1))) {
        const generators = this.comprehensions();
        if (this.eatOp(')')) {
          const g = this.fin({ type: 'GeneratorExp' as const, elt, generators }, open);
          return this.fin({ type: 'Call' as const, func, args: [g], keywords: [] }, st);
        }
        if (this.isOp(',')) {
          throw this.errorNode('Generator expression must be parenthesized', elt, this.lastComprehensionItem(generators));
        }
        throw FAIL;
      }
      first = elt;
    }
    const { args, keywords } = this.callArguments(first);
    this.expectOp(')');
    return this.fin({ type: 'Call' as const, func, args, keywords }, st);
  }

  private lastComprehensionItem(gens: Comprehension[]): Expr {
    const g = gens[gens.length - 1];
    return g.ifs.length ? g.ifs[g.ifs.length - 1] : g.iter;
  }

  /** Call arguments (and class bases): positional, *args, keyword=, **kwargs, in CPython's order rules. */
  private callArguments(first: Expr | null = null): { args: Expr[]; keywords: Keyword[] } {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    let sawKeyword = false, sawDoubleStar = false;
    while (first || !this.isOp(')')) {
      const t = this.tok();
      if (first) {
        // The caller parsed the first positional argument already.
        this.positionalChecks(first);
        args.push(first);
        first = null;
      } else if (this.eatOp('**')) {
        const value = this.expression();
        keywords.push(this.fin({ type: 'keyword' as const, arg: null, value }, t));
        sawDoubleStar = true;
      } else if (this.eatOp('*')) {
        const value = this.expression();
        if (sawDoubleStar) throw this.errorNode('iterable argument unpacking follows keyword argument unpacking', this.tokPos(t));
        args.push(this.fin({ type: 'Starred' as const, value, ctx: 'Load' as ExprContext }, t));
      } else if (this.isName() && this.isOp('=', 1)) {
        this.pos += 2;
        const value = this.expression();
        if (this.isKw('for')) throw this.errorNode("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", this.tokPos(t), this.tokPos(this.tokens[this.tokens.indexOf(t) + 1]));
        keywords.push(this.fin({ type: 'keyword' as const, arg: t.text, value }, t));
        sawKeyword = true;
      } else {
        if (t.kind === Tok.Name && (t.text === 'True' || t.text === 'False' || t.text === 'None') && this.isOp('=', 1)) {
          throw this.errorNode(`cannot assign to ${t.text}`, this.tokPos(t), this.tokPos(this.tok(1)));
        }
        const value = this.isName() && this.isOp(':=', 1) ? this.namedExpression() : this.expression();
        this.positionalChecks(value);
        if (sawKeyword || sawDoubleStar) {
          if (!this.isOp(',') && !this.isOp(')')) throw FAIL;
          throw this.errorLast(sawDoubleStar
            ? 'positional argument follows keyword argument unpacking'
            : 'positional argument follows keyword argument');
        }
        args.push(value);
      }
      if (!this.eatOp(',')) break;
    }
    if (!this.isOp(')')) throw FAIL;
    return { args, keywords };
  }

  /** invalid_kwarg / invalid_arguments after a positional argument. */
  private positionalChecks(value: Expr): void {
    if (this.isOp(':=')) throw this.errorNode(`cannot use assignment expressions with ${exprName(value)}`, value);
    if (this.isOp('=')) {
      throw this.errorNode('expression cannot contain assignment, perhaps you meant "=="?', value, this.tokPos(this.tok()));
    }
    if (this.isKw('for') || (this.isKw('async') && this.isKw('for', 1))) {
      const gens = this.comprehensions();
      throw this.errorNode('Generator expression must be parenthesized', value, this.lastComprehensionItem(gens));
    }
  }

  private slices(): Expr {
    const start = this.tok();
    const first = this.slice();
    if (!this.isOp(',')) {
      if (first.type !== 'Starred') return first;
      return this.fin({ type: 'Tuple' as const, elts: [first], ctx: 'Load' as ExprContext }, start);
    }
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isOp(']')) break;
      elts.push(this.slice());
    }
    return this.fin({ type: 'Tuple' as const, elts, ctx: 'Load' as ExprContext }, start);
  }

  private slice(): Expr {
    const start = this.tok();
    if (this.isOp('*')) return this.starExpression();
    let lower: Expr | null = null;
    if (!this.isOp(':')) {
      lower = this.namedExpression();
      if (!this.isOp(':')) return lower;
    }
    this.expectOp(':');
    const upper = this.isOp(':') || this.isOp(']') || this.isOp(',') ? null : this.expression();
    let step: Expr | null = null;
    if (this.eatOp(':')) step = this.isOp(']') || this.isOp(',') ? null : this.expression();
    return this.fin({ type: 'Slice' as const, lower, upper, step }, start);
  }

  private comprehensions(): Comprehension[] {
    const gens: Comprehension[] = [];
    for (;;) {
      let is_async = 0;
      if (this.isKw('async') && this.isKw('for', 1)) { this.pos++; is_async = 1; }
      if (!this.eatKw('for')) break;
      const at = this.pos;
      let target: Expr;
      try {
        target = this.targetList();
        if (!this.isKw('in')) throw FAIL;
      } catch (e) {
        if (!(e instanceof ParseFail)) throw e;
        this.invalidForTarget(at);
        throw e;
      }
      this.expectKw('in');
      const iter = this.disjunction();
      const ifs: Expr[] = [];
      while (this.eatKw('if')) ifs.push(this.disjunction());
      gens.push({ type: 'comprehension', target, iter, ifs, is_async });
    }
    return gens;
  }

  private atom(): Expr {
    const t = this.tok();
    switch (t.kind) {
      case Tok.Name: {
        if (KEYWORDS.has(t.text)) {
          let value: ConstValue;
          if (t.text === 'None') value = { kind: 'None' };
          else if (t.text === 'True') value = { kind: 'bool', value: true };
          else if (t.text === 'False') value = { kind: 'bool', value: false };
          else throw FAIL;
          this.pos++;
          return this.fin({ type: 'Constant' as const, value, kind: null }, t);
        }
        this.pos++;
        return this.fin({ type: 'Name' as const, id: t.text, ctx: 'Load' as ExprContext }, t);
      }
      case Tok.Number:
        this.pos++;
        return this.fin({ type: 'Constant' as const, value: numberValue(t.text), kind: null }, t);
      case Tok.String: {
        const toks: Token[] = [];
        while (this.tok().kind === Tok.String) toks.push(this.tokens[this.pos++]);
        this.tok(); // CPython has read the token after the strings when it reports their errors
        return parseStringAtom(this, toks);
      }
      case Tok.Op:
        switch (t.text) {
          case '(': return this.parenAtom();
          case '[': return this.listAtom();
          case '{': return this.braceAtom();
          case '...':
            this.pos++;
            return this.fin({ type: 'Constant' as const, value: { kind: 'Ellipsis' }, kind: null }, t);
        }
    }
    throw FAIL;
  }

  private parenAtom(): Expr {
    const open = this.expectOp('(');
    if (this.eatOp(')')) {
      const empty = this.fin({ type: 'Tuple' as const, elts: [], ctx: 'Load' as ExprContext }, open);
      this.grouped.add(empty);
      return empty;
    }
    if (this.isKw('yield')) {
      const y = this.yieldExpr();
      this.expectOp(')');
      return y;
    }
    const dstar = this.tok();
    if (this.eatOp('**')) {
      this.expression();
      if (this.isOp(')')) throw this.errorNode('cannot use double starred expression here', this.tokPos(dstar));
      throw FAIL;
    }
    const first = this.starExpression(true);
    if (this.isKw('for') || (this.isKw('async') && this.isKw('for', 1))) {
      if (first.type === 'Starred') throw this.errorNode('iterable unpacking cannot be used in comprehension', first);
      const generators = this.comprehensions();
      this.expectOp(')');
      return this.fin({ type: 'GeneratorExp' as const, elt: first, generators }, open);
    }
    if (this.eatOp(')')) {
      if (first.type === 'Starred') throw this.errorNode('cannot use starred expression here', first);
      this.grouped.add(first);
      return first;
    }
    if (!this.isOp(',')) throw FAIL;
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isOp(')')) break;
      elts.push(this.starExpression(true));
    }
    this.expectOp(')');
    const tuple = this.fin({ type: 'Tuple' as const, elts, ctx: 'Load' as ExprContext }, open);
    this.grouped.add(tuple);
    return tuple;
  }

  private listAtom(): Expr {
    const open = this.expectOp('[');
    if (this.eatOp(']')) return this.fin({ type: 'List' as const, elts: [], ctx: 'Load' as ExprContext }, open);
    const first = this.starExpression(true);
    if (this.isKw('for') || (this.isKw('async') && this.isKw('for', 1))) {
      if (first.type === 'Starred') throw this.errorNode('iterable unpacking cannot be used in comprehension', first);
      const generators = this.comprehensions();
      this.expectOp(']');
      return this.fin({ type: 'ListComp' as const, elt: first, generators }, open);
    }
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isOp(']')) break;
      elts.push(this.starExpression(true));
      if (this.isKw('for')) throw this.errorNode('did you forget parentheses around the comprehension target?', first, elts[elts.length - 1]);
    }
    this.expectOp(']');
    return this.fin({ type: 'List' as const, elts, ctx: 'Load' as ExprContext }, open);
  }

  private braceAtom(): Expr {
    const open = this.expectOp('{');
    if (this.eatOp('}')) return this.fin({ type: 'Dict' as const, keys: [], values: [] }, open);
    const keys: (Expr | null)[] = [];
    const values: Expr[] = [];
    const ds = this.tok();
    if (this.eatOp('**')) {
      keys.push(null);
      values.push(this.bitwiseOr());
      if (this.isKw('for')) throw this.errorNode('dict unpacking cannot be used in dict comprehension', this.tokPos(ds));
      return this.dictRest(open, keys, values);
    }
    const first = this.starExpression(true);
    if (first.type !== 'Starred' && this.eatOp(':')) {
      if (this.isOp('}') || this.isOp(',')) throw this.errorNode("expression expected after dictionary key and ':'", this.tokPos(this.tokens[this.pos - 1]));
      this.starredDictValue();
      const value = this.expression();
      if (this.isKw('for') || (this.isKw('async') && this.isKw('for', 1))) {
        const generators = this.comprehensions();
        this.expectOp('}');
        return this.fin({ type: 'DictComp' as const, key: first, value, generators }, open);
      }
      keys.push(first);
      values.push(value);
      return this.dictRest(open, keys, values);
    }
    if (this.isKw('for') || (this.isKw('async') && this.isKw('for', 1))) {
      if (first.type === 'Starred') throw this.errorNode('iterable unpacking cannot be used in comprehension', first);
      const generators = this.comprehensions();
      this.expectOp('}');
      return this.fin({ type: 'SetComp' as const, elt: first, generators }, open);
    }
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isOp('}')) break;
      elts.push(this.starExpression(true));
    }
    this.expectOp('}');
    return this.fin({ type: 'Set' as const, elts }, open);
  }

  /** invalid_double_starred_kvpairs: `{k: *v}`. */
  private starredDictValue(): void {
    const star = this.tok();
    if (!this.isOp('*')) return;
    this.pos++;
    try {
      this.bitwiseOr();
    } catch (e) {
      if (!(e instanceof ParseFail)) throw e;
      this.pos--;
      return;
    }
    this.tok();
    throw this.errorFrom('cannot use a starred expression in a dictionary value', this.tokPos(star));
  }

  private dictRest(open: Token, keys: (Expr | null)[], values: Expr[]): Expr {
    while (this.eatOp(',')) {
      if (this.isOp('}')) break;
      if (this.eatOp('**')) {
        keys.push(null);
        values.push(this.bitwiseOr());
        continue;
      }
      const k = this.expression();
      if (!this.isOp(':')) {
        throw this.errorAt("':' expected after dictionary key", k.lineno, k.end_col_offset - 1, k.end_lineno, -1);
      }
      this.pos++;
      if (this.isOp('}') || this.isOp(',')) throw this.errorNode("expression expected after dictionary key and ':'", this.tokPos(this.tokens[this.pos - 1]));
      this.starredDictValue();
      keys.push(k);
      values.push(this.expression());
    }
    this.expectOp('}');
    return this.fin({ type: 'Dict' as const, keys, values }, open);
  }

  // ---- the whole parse, with CPython's choice of error ----------------------------------------

  /** Runs a parse function, turning failures into the SyntaxError CPython would raise. */
  run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ScanError) throw e.error;
      let err: PySyntaxError;
      if (e instanceof ParseFail) {
        err = this.genericError();
        // An indentation error at the furthest token is final (_Pypegen_set_syntax_error).
        if (err.pyType === 'IndentationError') throw err;
      } else if (e instanceof PySyntaxError) err = e;
      else throw e;
      throw this.laterTokenizerError(err);
    }
  }

  private genericError(): PySyntaxError {
    const t = this.tokens[Math.min(this.furthest, this.tokens.length - 1)];
    if (t.kind === Tok.Indent) return this.source.rawError('IndentationError', 'unexpected indent', t.line, t.col, t.line, -1);
    if (t.kind === Tok.Dedent) return this.source.rawError('IndentationError', 'unexpected unindent', t.line, t.col, t.line, -1);
    return this.errorAt('invalid syntax', t.line, t.col, t.endLine, t.endCol);
  }

  /**
   * _PyPegen_tokenize_full_source_to_check_for_errors: a tokenizer error further on replaces a
   * parser error, and so does an unclosed bracket opened before the error's line.
   */
  private laterTokenizerError(err: PySyntaxError): PySyntaxError {
    if (this.fstring) return err;
    const errLine = this.last.line;
    try {
      while (this.scanner.next().kind !== Tok.EndMarker) { /* scan on */ }
    } catch (e) {
      if (!(e instanceof ScanError)) throw e;
      if (e.hard) return e.error;
      const b = this.scanner.openBracket();
      if (b && errLine > b.line) {
        return this.source.error('SyntaxError', `'${b.char}' was never closed`, b.line, b.col, b.line, -1, false);
      }
    }
    return err;
  }
}

const OR_OPS: Record<string, Operator> = { '|': 'BitOr' };
const XOR_OPS: Record<string, Operator> = { '^': 'BitXor' };
const AND_OPS: Record<string, Operator> = { '&': 'BitAnd' };
const SHIFT_OPS: Record<string, Operator> = { '<<': 'LShift', '>>': 'RShift' };
const SUM_OPS: Record<string, Operator> = { '+': 'Add', '-': 'Sub' };
const TERM_OPS: Record<string, Operator> = { '*': 'Mult', '/': 'Div', '//': 'FloorDiv', '%': 'Mod', '@': 'MatMult' };

/**
 * Parses a whole module. Throws PySyntaxError exactly where CPython 3.11 would: `mode` 'file' (the
 * default) as for `python3 FILE.py`, 'string' as for compile() or exec() of a str.
 */
export function parse(source: string, filename: string, mode: 'file' | 'string' = 'file'): Module {
  const p = new Parser(new Source(source, filename, mode));
  return p.run(() => p.parseFile());
}
