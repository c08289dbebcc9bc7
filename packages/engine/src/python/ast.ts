// The abstract syntax tree: a one-to-one mirror of CPython 3.11's `ast` module.
//
// Every node is a plain object whose `type` is the Python class name (`BinOp`, `Name`, ...) and
// whose other fields have exactly the Python field names, so `python3 -c "import ast; ..."` is the
// specification and the oracle (see tools/pyast.py). Operators, comparison operators, boolean and
// unary operators and expression contexts are their class names as strings (`op: 'Add'`,
// `ctx: 'Load'`). Positions are 1-based lines and 0-based columns counted in UTF-16 code units of
// the source line (CPython counts UTF-8 bytes; the two agree on ASCII source, and tools/pyast.py
// converts). Constants carry a tagged value (ConstValue) so ints keep arbitrary precision.

export interface Pos {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

/** A compile-time constant. `tuple`, `frozenset` and `code` appear only in compiled code objects. */
export type ConstValue =
  | { kind: 'None' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex'; real: number; imag: number }
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: Uint8Array }
  | { kind: 'Ellipsis' }
  | { kind: 'tuple'; items: ConstValue[] }
  | { kind: 'frozenset'; items: ConstValue[] }
  | { kind: 'code'; code: import('../compiler/code.js').CodeObject };

export type Operator =
  | 'Add' | 'Sub' | 'Mult' | 'MatMult' | 'Div' | 'Mod' | 'Pow'
  | 'LShift' | 'RShift' | 'BitOr' | 'BitXor' | 'BitAnd' | 'FloorDiv';
export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';
export type BoolOperator = 'And' | 'Or';
export type CmpOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';
export type ExprContext = 'Load' | 'Store' | 'Del';

export interface Module { type: 'Module'; body: Stmt[]; type_ignores: [] }

// ---- statements -------------------------------------------------------------------------------

export interface FunctionDef extends Pos {
  type: 'FunctionDef' | 'AsyncFunctionDef';
  name: string;
  args: Arguments;
  body: Stmt[];
  decorator_list: Expr[];
  returns: Expr | null;
  type_comment: string | null;
}
export interface ClassDef extends Pos {
  type: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorator_list: Expr[];
}
export interface Return extends Pos { type: 'Return'; value: Expr | null }
export interface Delete extends Pos { type: 'Delete'; targets: Expr[] }
export interface Assign extends Pos { type: 'Assign'; targets: Expr[]; value: Expr; type_comment: string | null }
export interface AugAssign extends Pos { type: 'AugAssign'; target: Expr; op: Operator; value: Expr }
export interface AnnAssign extends Pos { type: 'AnnAssign'; target: Expr; annotation: Expr; value: Expr | null; simple: number }
export interface For extends Pos {
  type: 'For' | 'AsyncFor';
  target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[]; type_comment: string | null;
}
export interface While extends Pos { type: 'While'; test: Expr; body: Stmt[]; orelse: Stmt[] }
export interface If extends Pos { type: 'If'; test: Expr; body: Stmt[]; orelse: Stmt[] }
export interface With extends Pos { type: 'With' | 'AsyncWith'; items: WithItem[]; body: Stmt[]; type_comment: string | null }
export interface Match extends Pos { type: 'Match'; subject: Expr; cases: MatchCase[] }
export interface Raise extends Pos { type: 'Raise'; exc: Expr | null; cause: Expr | null }
export interface Try extends Pos {
  type: 'Try' | 'TryStar';
  body: Stmt[]; handlers: ExceptHandler[]; orelse: Stmt[]; finalbody: Stmt[];
}
export interface Assert extends Pos { type: 'Assert'; test: Expr; msg: Expr | null }
export interface Import extends Pos { type: 'Import'; names: Alias[] }
export interface ImportFrom extends Pos { type: 'ImportFrom'; module: string | null; names: Alias[]; level: number }
export interface Global extends Pos { type: 'Global'; names: string[] }
export interface Nonlocal extends Pos { type: 'Nonlocal'; names: string[] }
export interface ExprStmt extends Pos { type: 'Expr'; value: Expr }
export interface Pass extends Pos { type: 'Pass' }
export interface Break extends Pos { type: 'Break' }
export interface Continue extends Pos { type: 'Continue' }

export type Stmt =
  | FunctionDef | ClassDef | Return | Delete | Assign | AugAssign | AnnAssign | For | While | If
  | With | Match | Raise | Try | Assert | Import | ImportFrom | Global | Nonlocal | ExprStmt
  | Pass | Break | Continue;

// ---- expressions ------------------------------------------------------------------------------

export interface BoolOp extends Pos { type: 'BoolOp'; op: BoolOperator; values: Expr[] }
export interface NamedExpr extends Pos { type: 'NamedExpr'; target: Name; value: Expr }
export interface BinOp extends Pos { type: 'BinOp'; left: Expr; op: Operator; right: Expr }
export interface UnaryOp extends Pos { type: 'UnaryOp'; op: UnaryOperator; operand: Expr }
export interface Lambda extends Pos { type: 'Lambda'; args: Arguments; body: Expr }
export interface IfExp extends Pos { type: 'IfExp'; test: Expr; body: Expr; orelse: Expr }
export interface Dict extends Pos { type: 'Dict'; keys: (Expr | null)[]; values: Expr[] }
export interface SetExpr extends Pos { type: 'Set'; elts: Expr[] }
export interface ListComp extends Pos { type: 'ListComp'; elt: Expr; generators: Comprehension[] }
export interface SetComp extends Pos { type: 'SetComp'; elt: Expr; generators: Comprehension[] }
export interface DictComp extends Pos { type: 'DictComp'; key: Expr; value: Expr; generators: Comprehension[] }
export interface GeneratorExp extends Pos { type: 'GeneratorExp'; elt: Expr; generators: Comprehension[] }
export interface Await extends Pos { type: 'Await'; value: Expr }
export interface Yield extends Pos { type: 'Yield'; value: Expr | null }
export interface YieldFrom extends Pos { type: 'YieldFrom'; value: Expr }
export interface Compare extends Pos { type: 'Compare'; left: Expr; ops: CmpOperator[]; comparators: Expr[] }
export interface Call extends Pos { type: 'Call'; func: Expr; args: Expr[]; keywords: Keyword[] }
/** conversion: -1 none, 115 's', 114 'r', 97 'a' (as in Python's ast). */
export interface FormattedValue extends Pos { type: 'FormattedValue'; value: Expr; conversion: number; format_spec: JoinedStr | null }
export interface JoinedStr extends Pos { type: 'JoinedStr'; values: Expr[] }
/** kind is 'u' for u'...' strings, else null (as in Python's ast). */
export interface Constant extends Pos { type: 'Constant'; value: ConstValue; kind: string | null }
export interface Attribute extends Pos { type: 'Attribute'; value: Expr; attr: string; ctx: ExprContext }
export interface Subscript extends Pos { type: 'Subscript'; value: Expr; slice: Expr; ctx: ExprContext }
export interface Starred extends Pos { type: 'Starred'; value: Expr; ctx: ExprContext }
export interface Name extends Pos { type: 'Name'; id: string; ctx: ExprContext }
export interface List extends Pos { type: 'List'; elts: Expr[]; ctx: ExprContext }
export interface Tuple extends Pos { type: 'Tuple'; elts: Expr[]; ctx: ExprContext }
export interface Slice extends Pos { type: 'Slice'; lower: Expr | null; upper: Expr | null; step: Expr | null }

export type Expr =
  | BoolOp | NamedExpr | BinOp | UnaryOp | Lambda | IfExp | Dict | SetExpr | ListComp | SetComp
  | DictComp | GeneratorExp | Await | Yield | YieldFrom | Compare | Call | FormattedValue
  | JoinedStr | Constant | Attribute | Subscript | Starred | Name | List | Tuple | Slice;

// ---- other nodes ------------------------------------------------------------------------------

export interface Comprehension { type: 'comprehension'; target: Expr; iter: Expr; ifs: Expr[]; is_async: number }
/** Python's field `type` is named `exc_type` here, because `type` is the node's class name. */
export interface ExceptHandler extends Pos { type: 'ExceptHandler'; exc_type: Expr | null; name: string | null; body: Stmt[] }
export interface Arguments {
  type: 'arguments';
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  /** One per kwonlyarg; null where it has no default. */
  kw_defaults: (Expr | null)[];
  kwarg: Arg | null;
  defaults: Expr[];
}
export interface Arg extends Pos { type: 'arg'; arg: string; annotation: Expr | null; type_comment: string | null }
/** arg is null for `**expr`. */
export interface Keyword extends Pos { type: 'keyword'; arg: string | null; value: Expr }
export interface Alias extends Pos { type: 'alias'; name: string; asname: string | null }
export interface WithItem { type: 'withitem'; context_expr: Expr; optional_vars: Expr | null }
export interface MatchCase { type: 'match_case'; pattern: Pattern; guard: Expr | null; body: Stmt[] }

// ---- patterns (the `case` clauses of `match`) ---------------------------------------------------

export interface MatchValue extends Pos { type: 'MatchValue'; value: Expr }
/** value: null for None, else the boolean. */
export interface MatchSingleton extends Pos { type: 'MatchSingleton'; value: null | boolean }
export interface MatchSequence extends Pos { type: 'MatchSequence'; patterns: Pattern[] }
export interface MatchMapping extends Pos { type: 'MatchMapping'; keys: Expr[]; patterns: Pattern[]; rest: string | null }
export interface MatchClass extends Pos {
  type: 'MatchClass'; cls: Expr; patterns: Pattern[]; kwd_attrs: string[]; kwd_patterns: Pattern[];
}
export interface MatchStar extends Pos { type: 'MatchStar'; name: string | null }
export interface MatchAs extends Pos { type: 'MatchAs'; pattern: Pattern | null; name: string | null }
export interface MatchOr extends Pos { type: 'MatchOr'; patterns: Pattern[] }

export type Pattern =
  | MatchValue | MatchSingleton | MatchSequence | MatchMapping | MatchClass | MatchStar | MatchAs | MatchOr;

export type Node = Module | Stmt | Expr | Comprehension | ExceptHandler | Arguments | Arg | Keyword | Alias | WithItem;
