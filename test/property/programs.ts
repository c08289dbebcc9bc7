// A small grammar of Python programs for property tests: lists, dicts and instances, references
// between them (including cycles), rebinding, clearing, and collections. Every generated program
// is valid Python that python3 runs without error; it ends by dropping every name and collecting,
// so everything it made must be gone afterwards.
import fc from 'fast-check';

const LISTS = ['l0', 'l1', 'l2'];
const DICTS = ['d0', 'd1'];
const OBJS = ['o0', 'o1', 'o2'];
const SLOTS = ['g0', 'g1'];
const NAMES = [...LISTS, ...DICTS, ...OBJS, ...SLOTS];

const name = fc.constantFrom(...NAMES);
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const value = fc.oneof(
  name,
  fc.constant('[]'),
  fc.constant('{}'),
  fc.constant('Node()'),
  fc.constant('None'),
  fc.tuple(name, name).map(([a, b]) => `(${a}, ${b})`),
  fc.tuple(name, name).map(([a, b]) => `[${a}, ${b}]`),
);

const statement = fc.oneof(
  fc.tuple(pick(LISTS), value).map(([l, v]) => `${l}.append(${v})`),
  fc.tuple(pick(DICTS), fc.constantFrom('a', 'b', 'c'), value).map(([d, k, v]) => `${d}['${k}'] = ${v}`),
  fc.tuple(pick(OBJS), fc.constantFrom('x', 'y'), value).map(([o, a, v]) => `${o}.${a} = ${v}`),
  fc.tuple(pick(SLOTS), value).map(([g, v]) => `${g} = ${v}`),
  pick(LISTS).map((l) => `${l} = []`),
  pick(OBJS).map((o) => `${o} = Node()`),
  pick(LISTS).map((l) => `${l}.clear()`),
  pick(LISTS).map((l) => `if ${l}: ${l}.pop()`),
  pick(DICTS).map((d) => `${d}.clear()`),
  pick([...LISTS, ...OBJS]).map((n) => `print(f"rc ${n} {sys.getrefcount(${n})}")`),
  fc.constantFrom('print(gc.collect())', 'gc.collect(0)', 'print(len(l0), len(d0))'),
);

export interface GeneratedProgram {
  source: string;
  /** Lines of the generated statements: objects allocated on them belong to the program. */
  firstLine: number;
  lastLine: number;
}

const PRELUDE = [
  'import gc',
  'import sys',
  '',
  'class Node:',
  '    pass',
  '',
  'gc.collect()',
  ...LISTS.map((l) => `${l} = []`),
  ...DICTS.map((d) => `${d} = {}`),
  ...OBJS.map((o) => `${o} = Node()`),
  ...SLOTS.map((g) => `${g} = None`),
];

export function programOf(statements: string[]): GeneratedProgram {
  const body = [...PRELUDE, ...statements];
  const lines = [
    ...body,
    `${NAMES.join(' = ')} = None`,
    'print("final", gc.collect())',
  ];
  return { source: lines.join('\n') + '\n', firstLine: PRELUDE.indexOf('gc.collect()') + 2, lastLine: body.length };
}

export const programs: fc.Arbitrary<GeneratedProgram> = fc
  .array(statement, { minLength: 1, maxLength: 25 })
  .map(programOf);
