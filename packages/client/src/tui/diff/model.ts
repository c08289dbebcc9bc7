// The diff view's state and its one reducer: two cursors, one per run, kept on the same source
// line occurrence. Keys move the active side (Tab switches); the other side follows it to the same
// occurrence of the same line (lines.ts). Pure, like the debugger's model: every question about a
// run goes through `DiffRun`.
import type { Occurrence } from './lines.js';

export type Side = 0 | 1;

/** What the reducer asks of one run. */
export interface DiffRun {
  /** 'a' or 'b', and the file, for messages. */
  readonly name: string;
  readonly total: number;
  nextLine(i: number): number | null;
  prevLine(i: number): number | null;
  nextCollection(i: number): number | null;
  prevCollection(i: number): number | null;
  occurrence(i: number): Occurrence;
  /** The event at `offset` into the k-th occurrence of line, or null when the run never got there. */
  find(line: number, k: number, offset: number): number | null;
}

export interface DiffUi {
  readonly cursor: readonly [number, number];
  readonly active: Side;
  /** The first index where the runs' events differ, or null when they are identical. */
  readonly divergence: number | null;
  readonly mode: 'normal' | 'jump' | 'help';
  readonly input: string;
  readonly message: string;
  readonly quit: boolean;
}

const clamp = (n: number, lo: number, hi: number): number => (n < lo ? lo : n > hi ? hi : n);

/** Both cursors at the first divergence (each clamped to its run), or at the end when identical. */
export function initialDiff(runs: readonly [DiffRun, DiffRun], divergence: number | null): DiffUi {
  const at = (r: DiffRun): number => (r.total === 0 ? -1 : clamp(divergence ?? r.total - 1, 0, r.total - 1));
  return {
    cursor: [at(runs[0]), at(runs[1])], active: 0, divergence, mode: 'normal', input: '',
    message: divergence === null ? 'the runs are identical' : `first divergence at event ${divergence}`, quit: false,
  };
}

const ordinal = (k: number): string => {
  const n = k + 1;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
};

/** Moves the active side to `to` and the other side to the same line occurrence. */
function moveTo(s: DiffUi, runs: readonly [DiffRun, DiffRun], to: number | null, nowhere: string): DiffUi {
  const a = s.active;
  const run = runs[a];
  if (run.total === 0) return { ...s, message: `${run.name} has no events` };
  if (to === null) return { ...s, message: nowhere };
  const here = clamp(to, 0, run.total - 1);
  const other = runs[1 - a as Side];
  const occ = run.occurrence(here);
  const there = other.total === 0 ? null : other.find(occ.line, occ.k, occ.offset);
  const cursor: [number, number] = [s.cursor[0], s.cursor[1]];
  cursor[a] = here;
  let message = '';
  if (there === null) {
    message = occ.line === 0 ? '' : `${other.name} never runs line ${occ.line} a ${ordinal(occ.k)} time`;
  } else cursor[1 - a] = there;
  return { ...s, cursor, message };
}

export function updateDiff(s: DiffUi, key: string, runs: readonly [DiffRun, DiffRun]): DiffUi {
  if (s.mode === 'help') return key === 'q' ? { ...s, quit: true } : { ...s, mode: 'normal' };
  if (s.mode === 'jump') return jump(s, key, runs);
  const a = s.active;
  const at = s.cursor[a];
  const run = runs[a];
  switch (key) {
    case 'q': return { ...s, quit: true };
    case '?': return { ...s, mode: 'help', message: '' };
    case 'tab':
    case 'shift-tab':
      return { ...s, active: (1 - a) as Side, message: `moving ${runs[1 - a]!.name}` };
    case 'right': return moveTo(s, runs, at + 1 < run.total ? at + 1 : null, `${run.name} is at its last event`);
    case 'left': return moveTo(s, runs, at > 0 ? at - 1 : null, `${run.name} is at its first event`);
    case 'g': return moveTo(s, runs, 0, '');
    case 'G': return moveTo(s, runs, run.total - 1, '');
    case 'n': return moveTo(s, runs, at < 0 ? null : run.nextLine(at), 'no later line');
    case 'N': return moveTo(s, runs, at < 0 ? null : run.prevLine(at), 'no earlier line');
    case 'c': return moveTo(s, runs, at < 0 ? null : run.nextCollection(at), 'no later collection');
    case 'C': return moveTo(s, runs, at < 0 ? null : run.prevCollection(at), 'no earlier collection');
    case 'd': {
      if (s.divergence === null) return { ...s, message: 'the runs are identical' };
      const d = s.divergence;
      const cursor: [number, number] = [
        runs[0].total === 0 ? -1 : Math.min(d, runs[0].total - 1),
        runs[1].total === 0 ? -1 : Math.min(d, runs[1].total - 1),
      ];
      return { ...s, cursor, message: `first divergence at event ${d}` };
    }
    case ':': return { ...s, mode: 'jump', input: '', message: '' };
    default: return s;
  }
}

function jump(s: DiffUi, key: string, runs: readonly [DiffRun, DiffRun]): DiffUi {
  if (key === 'escape') return { ...s, mode: 'normal', input: '' };
  if (key === 'backspace') return { ...s, input: s.input.slice(0, -1) };
  if (key !== 'enter') return /^[0-9#]$/.test(key) ? { ...s, input: s.input + key } : s;
  const done: DiffUi = { ...s, mode: 'normal', input: '' };
  const text = s.input.replace(/^#/, '');
  if (!/^\d+$/.test(text)) return text === '' ? done : { ...done, message: `'${s.input}' is not an event number` };
  const run = runs[s.active];
  const n = Number(text);
  if (n >= run.total) return { ...moveTo(done, runs, run.total - 1, ''), message: `${run.name}'s last event is ${run.total - 1}` };
  return moveTo(done, runs, n, '');
}

/** The keys, as `?` shows them. */
export const DIFF_HELP: readonly (readonly [string, string])[] = [
  ['← →', 'previous / next event of the active run; the other follows on the same line'],
  ['n N', 'next / previous line'],
  ['c C', 'next / previous collection'],
  ['g G', 'first / last event'],
  ['d', 'both runs to the first divergence'],
  [': N ⏎', 'jump to event N'],
  ['Tab', 'switch the active run (a / b)'],
  ['?', 'this help'],
  ['q', 'quit'],
];

export function diffHelpText(): string {
  const w = Math.max(...DIFF_HELP.map(([k]) => k.length));
  return DIFF_HELP.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n') + '\n';
}
