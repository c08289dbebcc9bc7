// The debugger's UI state and the one reducer that moves it: `update(state, key, nav)`.
//
// Pure: every question about the run (where the next line or collection is, where an object
// changes next, which event matches a search, which objects the heap table lists) goes through
// the `Navigator`, so tests drive the reducer with a real Timeline or a small fake, and the
// renderer only reads the state. Keys are plain names (keys.ts turns Ink's input into them):
// 'left', 'right', 'up', 'down', 'enter', 'escape', 'backspace', 'tab', 'shift-tab', 'space',
// 'tick' (one beat of play), 'scan' (one more slice of a running search), or a single character.
//
// Search scans at most SEARCH_SLICE events per key: a search that has not finished leaves the
// model in mode 'scanning', and the App sends 'scan' again on the next turn of the event loop
// (Escape cancels), so a search through ten million events never freezes the screen.

/** Columns the heap table can be sorted by, in the order `s` cycles through them. */
export const SORT_KEYS = ['size', 'rc', 'id', 'type', 'gen', 'line'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The detail panels; Tab moves between them (on small terminals only the chosen one is shown). */
export const PANELS = ['object', 'gc', 'memory', 'events', 'alloc', 'why'] as const;
export type PanelName = (typeof PANELS)[number];

/** What the keyboard is doing: moving, typing after `:`, `/` or `f`, reading the help, or waiting on a search. */
export type Mode = 'normal' | 'jump' | 'search' | 'filter' | 'help' | 'scanning';

/** Events a search looks at per 'scan' key. */
export const SEARCH_SLICE = 20000;

/** A search under way: it has looked at every event up to `at` (after wrapping: from the start). */
export interface Scan {
  readonly query: string;
  /** The cursor when the search began: it ends there after wrapping. */
  readonly origin: number;
  readonly at: number;
  readonly wrapped: boolean;
}

/** Events per beat of play, chosen with `+`/`-`. */
export const SPEEDS = [1, 10, 100, 1000, 10000, 100000] as const;

export interface UiState {
  /** The event shown: the state is the one after it. -1 only for a log without events. */
  readonly cursor: number;
  /** Events in the log (live logs grow: see `grow`). */
  readonly total: number;
  /** The selected object number, or null. */
  readonly selected: number | null;
  readonly sort: SortKey;
  /** Only objects of this type are listed ('' = all). */
  readonly filter: string;
  readonly mode: Mode;
  /** What is being typed in jump, search or filter mode. */
  readonly input: string;
  /** The last search, repeated by `/` then Enter on an empty line. */
  readonly search: string;
  /** The search being run (mode 'scanning'), or null. */
  readonly scan: Scan | null;
  /** The detail panel in focus. */
  readonly panel: PanelName;
  /** The object whose "why is it alive" is shown, or null. */
  readonly why: number | null;
  readonly playing: boolean;
  /** Index into SPEEDS. */
  readonly speed: number;
  /** Keep the cursor on the last event as a live log grows (until the user moves). */
  readonly follow: boolean;
  /** One line for the status bar: what the last key did or why it could not. */
  readonly message: string;
  readonly quit: boolean;
}

/** What the reducer asks about the run. Every method answers without walking the whole log. */
export interface Navigator {
  nextLine(i: number): number | null;
  prevLine(i: number): number | null;
  nextCollection(i: number): number | null;
  prevCollection(i: number): number | null;
  /** The next / previous event about object `obj` after / before event i. */
  nextChange(obj: number, i: number): number | null;
  prevChange(obj: number, i: number): number | null;
  /** The first event in from+1..to whose text contains `query` (case-insensitive), or null. */
  search(query: string, from: number, to: number): number | null;
  /** The object numbers the heap table lists after event i, in table order. */
  heapRows(i: number, sort: SortKey, filter: string): readonly number[];
}

export function initialState(total: number, at?: number): UiState {
  const cursor = total === 0 ? -1 : clamp(at ?? total - 1, 0, total - 1);
  return {
    cursor, total, selected: null, sort: 'size', filter: '', mode: 'normal', input: '', search: '', scan: null,
    panel: 'object', why: null, playing: false, speed: 1, follow: false, message: '', quit: false,
  };
}

const clamp = (n: number, lo: number, hi: number): number => (n < lo ? lo : n > hi ? hi : n);

/** The log has `total` events now; a following cursor moves to the last. */
export function grow(s: UiState, total: number): UiState {
  if (total === s.total) return s;
  const cursor = s.follow || s.cursor < 0 ? total - 1 : clamp(s.cursor, 0, total - 1);
  return { ...s, total, cursor };
}

/** Moves the cursor to event `to` (clamped), or says there is nowhere to go. */
function moveTo(s: UiState, to: number | null, nowhere: string): UiState {
  if (s.total === 0) return { ...s, message: 'the log holds no events' };
  if (to === null) return { ...s, message: nowhere };
  return { ...s, cursor: clamp(to, 0, s.total - 1), follow: false, message: '' };
}

export function update(s: UiState, key: string, nav: Navigator): UiState {
  switch (s.mode) {
    case 'help': return key === 'q' ? { ...s, quit: true } : { ...s, mode: 'normal' };
    case 'scanning':
      if (key === 'escape') return { ...s, mode: 'normal', scan: null, message: `/${s.search}: stopped` };
      if (key === 'q') return { ...s, mode: 'normal', scan: null, quit: true };
      return key === 'scan' ? scan(s, nav) : s;
    case 'jump':
    case 'search':
    case 'filter':
      return typing(s, key, nav);
    default:
      return normal(s, key, nav);
  }
}

function normal(s: UiState, key: string, nav: Navigator): UiState {
  const at = s.cursor;
  const empty = s.total === 0;
  switch (key) {
    case 'q': return { ...s, quit: true };
    case '?': return { ...s, mode: 'help', message: '' };
    case 'right': return moveTo(s, at + 1 < s.total ? at + 1 : null, 'at the last event');
    case 'left': return moveTo(s, at > 0 ? at - 1 : null, 'at the first event');
    case 'g': return moveTo(s, 0, '');
    case 'G': return { ...moveTo(s, s.total - 1, ''), follow: !empty };
    case 'n': return moveTo(s, empty ? null : nav.nextLine(at), 'no later line');
    case 'N': return moveTo(s, empty ? null : nav.prevLine(at), 'no earlier line');
    case 'c': return moveTo(s, empty ? null : nav.nextCollection(at), 'no later collection');
    case 'C': return moveTo(s, empty ? null : nav.prevCollection(at), 'no earlier collection');
    case 'w':
    case 'W': {
      if (s.selected === null) return { ...s, message: 'select an object first (↑/↓)' };
      const to = empty ? null : key === 'w' ? nav.nextChange(s.selected, at) : nav.prevChange(s.selected, at);
      return moveTo(s, to, `#${s.selected} has no ${key === 'w' ? 'later' : 'earlier'} change`);
    }
    case 'y':
      if (s.selected === null) return { ...s, message: 'select an object first (↑/↓)' };
      if (s.why === s.selected) return { ...s, why: null, message: '' };
      return { ...s, why: s.selected, panel: 'why', message: '' };
    case 'up':
    case 'down':
      return select(s, key === 'down' ? 1 : -1, nav);
    case 's': return { ...s, sort: SORT_KEYS[(SORT_KEYS.indexOf(s.sort) + 1) % SORT_KEYS.length]!, message: '' };
    case 'tab':
    case 'shift-tab': {
      const k = PANELS.indexOf(s.panel) + (key === 'tab' ? 1 : PANELS.length - 1);
      return { ...s, panel: PANELS[k % PANELS.length]!, message: '' };
    }
    case ':': return { ...s, mode: 'jump', input: '', message: '' };
    case '/': return { ...s, mode: 'search', input: '', message: '' };
    case 'f': return { ...s, mode: 'filter', input: s.filter, message: '' };
    case 'space':
    case ' ':
      if (empty) return { ...s, message: 'the log holds no events' };
      // Play from the start when at the end, as a player does.
      return s.playing ? { ...s, playing: false, message: '' }
        : { ...s, playing: true, follow: false, cursor: at === s.total - 1 ? 0 : at, message: '' };
    case '+':
    case '=':
      return { ...s, speed: Math.min(SPEEDS.length - 1, s.speed + 1), message: '' };
    case '-':
      return { ...s, speed: Math.max(0, s.speed - 1), message: '' };
    case 'tick': {
      if (!s.playing || empty) return s;
      const to = Math.min(s.total - 1, at + SPEEDS[s.speed]!);
      return { ...s, cursor: to, playing: to < s.total - 1 };
    }
    case 'escape': return { ...s, playing: false, message: '' };
    default: return s;
  }
}

/** ↑/↓ in the heap table; the selection is kept by object number, so it survives moving in time. */
function select(s: UiState, by: number, nav: Navigator): UiState {
  if (s.total === 0) return s;
  const rows = nav.heapRows(s.cursor, s.sort, s.filter);
  if (rows.length === 0) return { ...s, message: s.filter ? `no live ${s.filter} objects` : 'no live objects' };
  const k = s.selected === null ? -1 : rows.indexOf(s.selected);
  const next = k < 0 ? (by > 0 ? 0 : rows.length - 1) : clamp(k + by, 0, rows.length - 1);
  return { ...s, selected: rows[next]!, message: '' };
}

function typing(s: UiState, key: string, nav: Navigator): UiState {
  if (key === 'escape') return { ...s, mode: 'normal', input: '', message: '' };
  if (key === 'backspace') return { ...s, input: s.input.slice(0, -1) };
  if (key === 'space') return { ...s, input: s.input + ' ' };
  if (key !== 'enter') return key.length === 1 ? { ...s, input: s.input + key } : s;
  const done = { ...s, mode: 'normal' as Mode, input: '' };
  const text = s.input.trim();
  switch (s.mode) {
    case 'jump': {
      if (text === '') return done;
      const n = Number(text.replace(/^#/, ''));
      if (!/^#?\d+$/.test(text) || !Number.isSafeInteger(n)) return { ...done, message: `'${text}' is not an event number` };
      if (s.total === 0) return { ...done, message: 'the log holds no events' };
      if (n >= s.total) return { ...moveTo(done, s.total - 1, ''), message: `the last event is ${s.total - 1}` };
      return moveTo(done, n, '');
    }
    case 'filter':
      return { ...done, filter: text, message: text ? `showing ${text} objects only` : 'showing every type' };
    default:
      return find(done, text === '' ? s.search : s.input, nav);
  }
}

/** Starts a search for `query` after the cursor; it wraps to the start once. */
function find(s: UiState, query: string, nav: Navigator): UiState {
  if (query === '') return { ...s, message: 'type what to search for after /' };
  const withQuery = { ...s, search: query };
  if (s.total === 0) return { ...withQuery, message: 'the log holds no events' };
  return scan({ ...withQuery, mode: 'scanning', scan: { query, origin: s.cursor, at: s.cursor, wrapped: false } }, nav);
}

/** One slice of the running search. */
function scan(s: UiState, nav: Navigator): UiState {
  const sc = s.scan!;
  const end = sc.wrapped ? sc.origin : s.total - 1;
  const to = Math.min(end, sc.at + SEARCH_SLICE);
  const found = nav.search(sc.query, sc.at, to);
  const done = { ...s, mode: 'normal' as Mode, scan: null };
  if (found !== null) return { ...moveTo(done, found, ''), message: `/${sc.query}${sc.wrapped ? ': wrapped to the start' : ''}` };
  if (to < end) return { ...s, scan: { ...sc, at: to }, message: `/${sc.query}: searching… event ${to} of ${s.total}` };
  if (!sc.wrapped && sc.origin >= 0) return scan({ ...s, scan: { ...sc, at: -1, wrapped: true } }, nav);
  return { ...done, message: `/${sc.query}: no match` };
}
