// Two runs side by side. Per run: a header (event i/N, line, file; the event; live objects, bytes
// and the collector's counts after it), the source with the current line marked, and the events
// around its cursor with the first divergence marked `≠`.
import React from 'react';
import { Box, Text } from 'ink';
import type { Inspector } from '../inspect.js';
import { Panel, Line } from '../panels/Panel.js';
import { SourcePanel } from '../panels/SourcePanel.js';
import { paint } from '../theme.js';
import { DIFF_HELP, type DiffUi } from './model.js';

/** One run as the screen shows it. */
export interface DiffPane {
  /** 'a' or 'b'. */
  name: string;
  title: string;
  lines: readonly string[];
  inspector: Inspector;
}

export interface DiffScreenProps {
  ui: DiffUi;
  panes: readonly [DiffPane, DiffPane];
  columns: number;
  rows: number;
  /** Printed once (no status line, no active mark). */
  plain?: boolean;
}

export function DiffScreen({ ui, panes, columns, rows, plain }: DiffScreenProps): React.JSX.Element {
  const width = Math.max(40, columns);
  const height = Math.max(12, rows - (plain ? 0 : 1));
  const half = Math.floor((width - 1) / 2);
  const body = height - (plain ? 1 : 2) - 3;
  const sourceRows = Math.max(3, Math.floor(body / 2));
  const eventRows = Math.max(3, body - sourceRows);
  const d = ui.divergence;
  const title = d === null ? 'the runs are identical'
    : `first divergence at event ${d}` + (ui.cursor[0] === d && ui.cursor[1] === d ? '' : ' (d: go there)');

  if (ui.mode === 'help' && !plain) {
    const w = Math.max(...DIFF_HELP.map(([k]) => k.length));
    return (
      <Box flexDirection="column" width={width}>
        <Text {...paint('title')}>refscope diff: keys</Text>
        {DIFF_HELP.map(([k, v]) => <Line key={k}>{`  ${k.padEnd(w)}  ${v}`}</Line>)}
        <Text {...paint('dim')}>any key: back  q: quit</Text>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text {...paint('title')}>refscope diff</Text>
        {`  ${title}`}
      </Text>
      <Box flexDirection="row">
        <Side pane={panes[0]} cursor={ui.cursor[0]} divergence={d} active={!plain && ui.active === 0}
          width={half} sourceRows={sourceRows} eventRows={eventRows} />
        <Box width={1} />
        <Side pane={panes[1]} cursor={ui.cursor[1]} divergence={d} active={!plain && ui.active === 1}
          width={width - half - 1} sourceRows={sourceRows} eventRows={eventRows} />
      </Box>
      {plain ? null : <Status ui={ui} width={width} />}
    </Box>
  );
}

interface SideProps {
  pane: DiffPane;
  cursor: number;
  divergence: number | null;
  active: boolean;
  width: number;
  sourceRows: number;
  eventRows: number;
}

function Side({ pane, cursor, divergence, active, width, sourceRows, eventRows }: SideProps): React.JSX.Element {
  const ins = pane.inspector;
  const total = ins.total;
  const state = ins.state(cursor);
  const where = total === 0 ? 'no events' : `event ${cursor}/${total}`;
  const event = cursor >= 0 ? ins.describe(cursor, state) : '';
  const mark = (i: number): string => (i === cursor ? '>' : ' ') + (i === divergence ? '≠' : ' ');
  const before = Math.floor((eventRows - 1) / 2);
  const events = ins.eventsAround(cursor, before, eventRows - 2 - before);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text {...paint(active ? 'selected' : 'title')}>{`${active ? '▸' : ' '}${pane.name}`}</Text>
        {` ${where}  line ${state.line}  ${pane.title}`}
      </Text>
      <Text wrap="truncate" {...paint(cursor === divergence ? 'warn' : 'dim')}>{(cursor === divergence ? '≠ ' : '') + (event || ' ')}</Text>
      <Text wrap="truncate">{`  ${state.objects} objects  ${state.bytes} bytes  gc ${state.gc.count.join('/')}`}</Text>
      <SourcePanel lines={pane.lines} current={state.line} width={width} height={sourceRows} />
      <Panel title="events" width={width} height={eventRows}>
        {events.map((e) => (
          <Line key={e.i} {...(e.i === cursor ? paint('current') : e.i === divergence ? paint('warn') : {})}>{mark(e.i) + e.text}</Line>
        ))}
      </Panel>
    </Box>
  );
}

function Status({ ui, width }: { ui: DiffUi; width: number }): React.JSX.Element {
  if (ui.mode === 'jump') return <Text wrap="truncate">{'jump to event: ' + ui.input + '█'}</Text>;
  if (ui.message) return <Text wrap="truncate" {...paint('warn')}>{ui.message.slice(0, width)}</Text>;
  return <Text wrap="truncate" {...paint('dim')}>←→ event  n/N line  c/C gc  d divergence  : jump  Tab other run  ? help  q quit</Text>;
}
