// `refscope tui --diff A B`: two runs side by side, synced on source line, the first divergence
// marked. runDiffTui draws it interactively; diffSideBySide renders it once as plain text.
import React, { useEffect, useMemo, useState } from 'react';
import { renderToString, useApp, useInput } from 'ink';
import { firstDivergence, type Timeline } from '@refscope/engine';
import type { Opened } from '../../open.js';
import { Inspector } from '../inspect.js';
import { keyNames } from '../keys.js';
import { setColour } from '../theme.js';
import { runFullScreen, useTerminalSize } from '../terminal.js';
import { DiffScreen, type DiffPane } from './DiffScreen.js';
import { LineOccurrences } from './lines.js';
import { initialDiff, updateDiff, type DiffRun, type DiffUi } from './model.js';

export { DiffScreen, type DiffPane } from './DiffScreen.js';
export { LineOccurrences, type Occurrence } from './lines.js';
export { initialDiff, updateDiff, DIFF_HELP, type DiffRun, type DiffUi, type Side } from './model.js';

/** Both runs, ready for the screen and the reducer. */
export interface DiffPair {
  runs: readonly [DiffRun, DiffRun];
  panes: readonly [DiffPane, DiffPane];
  divergence: number | null;
}

function run(name: string, timeline: Timeline): DiffRun {
  let occ: LineOccurrences | null = null;
  const lines = (): LineOccurrences => (occ ??= new LineOccurrences(timeline.log));
  return {
    name,
    total: timeline.length,
    nextLine: (i) => timeline.nextLine(i),
    prevLine: (i) => timeline.prevLine(i),
    nextCollection: (i) => timeline.nextCollection(i),
    prevCollection: (i) => timeline.prevCollection(i),
    occurrence: (i) => lines().of(i),
    find: (line, k, offset) => lines().find(line, k, offset),
  };
}

export function diffPair(a: Opened, b: Opened): DiffPair {
  const at = firstDivergence(a.log, b.log);
  const pane = (name: string, o: Opened): DiffPane => ({
    name, title: o.program, lines: o.source.split('\n'), inspector: new Inspector(o.timeline),
  });
  return {
    runs: [run('a', a.timeline), run('b', b.timeline)],
    panes: [pane('a', a), pane('b', b)],
    divergence: at < 0 ? null : at,
  };
}

/** The side-by-side view at the first divergence (or the ends), as plain text. */
export function diffSideBySide(pair: DiffPair, columns = 100, rows = 30): string {
  setColour(false);
  const ui = initialDiff(pair.runs, pair.divergence);
  const text = renderToString(<DiffScreen ui={ui} panes={pair.panes} columns={columns} rows={rows} plain />, { columns });
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[ \t]+$/gm, '') + '\n';
}

export function DiffApp({ pair }: { pair: DiffPair }): React.JSX.Element {
  const { exit } = useApp();
  const size = useTerminalSize();
  const [ui, setUi] = useState<DiffUi>(() => initialDiff(pair.runs, pair.divergence));
  // Keys that arrive in one read (a paste, fast typing) are taken one at a time.
  useInput((input, key) => {
    for (const name of keyNames(input, key)) setUi((s) => updateDiff(s, name, pair.runs));
  });
  useEffect(() => {
    if (ui.quit) exit();
  }, [ui.quit, exit]);
  const panes = useMemo(() => pair.panes, [pair]);
  return <DiffScreen ui={ui} panes={panes} columns={size.columns} rows={size.rows} />;
}

/** The interactive diff view until `q` (terminal.tsx restores the terminal). */
export async function runDiffTui(pair: DiffPair): Promise<void> {
  await runFullScreen(<DiffApp pair={pair} />);
}
