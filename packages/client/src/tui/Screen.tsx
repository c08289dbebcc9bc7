// The whole screen for one UI state, laid out for the terminal's size.
//
// Layout rules (docs/tui.md):
//   - compact (below 120 columns or 36 rows, down to 80×24): header, then source | heap side by
//     side, then one detail panel chosen with Tab (a tab bar names them), then the status line;
//   - wide: three columns: source over events | heap over the selected object | gc, allocator,
//     memory and why stacked; Tab only moves the focus mark;
//   - plain (not a terminal): every panel stacked at full width, printed once.
// The screen is one row shorter than the terminal: Ink clears the whole terminal before each
// frame as tall as the terminal, which flickers.
import React from 'react';
import { Box, Text } from 'ink';
import type { Timeline } from '@refscope/engine';
import type { Inspector } from './inspect.js';
import { PANELS, type PanelName, type UiState } from './model.js';
import type { DebugSource } from './source.js';
import { paint } from './theme.js';
import { gcFound, headerStatus, heapRow, objectView, whyLines } from './view.js';
import { Header } from './panels/Header.js';
import { SourcePanel } from './panels/SourcePanel.js';
import { HeapPanel, heapWindow } from './panels/HeapPanel.js';
import { ObjectPanel } from './panels/ObjectPanel.js';
import { GcPanel } from './panels/GcPanel.js';
import { AllocatorPanel } from './panels/AllocatorPanel.js';
import { MemoryPanel } from './panels/MemoryPanel.js';
import { EventsPanel } from './panels/EventsPanel.js';
import { WhyPanel } from './panels/WhyPanel.js';
import { HelpPanel } from './panels/HelpPanel.js';
import { StatusLine } from './panels/StatusLine.js';

export interface ScreenProps {
  ui: UiState;
  source: DebugSource;
  inspector: Inspector;
  columns: number;
  rows: number;
  /** Stack every panel at full width (the plain-text view). */
  plain?: boolean;
  /** Why-alive lines for ui.why at the cursor, when the caller has them (plainText sizes the panel by them); else whyLines, cached. */
  why?: readonly string[] | null;
  /** Keys the host adds to the help (`?`). */
  help?: readonly (readonly [string, string])[];
}

export const WIDE_COLUMNS = 120;
export const WIDE_ROWS = 36;

const TAB_NAMES: Record<PanelName, string> = {
  object: 'object', gc: 'gc', memory: 'memory', events: 'events', alloc: 'allocator', why: 'why',
};

export function Screen(props: ScreenProps): React.JSX.Element {
  const { ui, source, inspector, columns, plain } = props;
  const width = Math.max(40, columns);
  const rows = Math.max(12, props.rows - (plain ? 0 : 1));
  const state = inspector.state(ui.cursor);
  const lines = React.useMemo(() => source.source.split('\n'), [source.source]);
  const timeline: Timeline = inspector.timeline;
  const total = timeline.length;

  const header = (
    <Header
      title={source.title} cursor={ui.cursor} total={total} line={state.line}
      event={ui.cursor >= 0 ? inspector.describe(ui.cursor, state) : ''}
      status={headerStatus(ui, source)} width={width}
    />
  );
  const status = <StatusLine mode={ui.mode} input={ui.input} message={ui.message || (source.problem?.() ?? '')} width={width} />;

  const panel = (name: PanelName | 'source' | 'heap', w: number, h: number): React.JSX.Element => {
    const focused = !plain && ui.panel === name;
    switch (name) {
      case 'source':
        return <SourcePanel key={name} lines={lines} current={state.line} width={w} height={h} breakpoints={source.control?.breakpoints()} />;
      case 'heap': {
        const objs = inspector.liveObjects(ui.cursor, ui.sort, ui.filter);
        return (
          <HeapPanel key={name} rows={heapWindow(objs, ui.selected, h).map(heapRow)} listed={objs.length} objects={state.objects} bytes={state.bytes}
            selected={ui.selected} sort={ui.sort} filter={ui.filter} width={w} height={h} />
        );
      }
      case 'object': {
        const v = ui.selected === null ? null : objectView(inspector, state, ui.selected);
        return (
          <ObjectPanel key={name} id={ui.selected} summary={v?.summary ?? ''} referrers={v?.referrers ?? []}
            referents={v?.referents ?? []} history={v?.history ?? []} width={w} height={h} focused={focused} />
        );
      }
      case 'gc': return <GcPanel key={name} gc={state.gc} found={gcFound(inspector, state)} width={w} height={h} focused={focused} />;
      case 'alloc': return <AllocatorPanel key={name} alloc={state.alloc} blocks={inspector.hasBlocks()} width={w} height={h} focused={focused} />;
      case 'memory':
        return <MemoryPanel key={name} series={timeline.memory()} cursor={ui.cursor} bytes={state.bytes} width={w} height={h} focused={focused} />;
      case 'events': {
        const around = Math.max(1, h - 1);
        const before = Math.floor((around - 1) / 2);
        const evs = inspector.eventsAround(ui.cursor, before, around - 1 - before);
        return <EventsPanel key={name} events={evs} cursor={ui.cursor} width={w} height={h} focused={focused} />;
      }
      case 'why': {
        const why = ui.why === null ? null : props.why ?? whyLines(inspector, ui.why, ui.cursor);
        return <WhyPanel key={name} lines={why} width={w} height={h} focused={focused} />;
      }
    }
  };

  if (plain) {
    const heapRows = Math.min(40, inspector.liveObjects(ui.cursor, ui.sort, ui.filter).length);
    return (
      <Box flexDirection="column" width={width}>
        {header}
        <Text> </Text>
        {panel('source', width, 8)}
        <Text> </Text>
        {panel('heap', width, heapRows + 2 + (heapRows === 0 ? 1 : 0))}
        <Text> </Text>
        {ui.selected !== null ? <>{panel('object', width, 16)}<Text> </Text></> : null}
        {ui.why !== null ? <>{panel('why', width, Math.min(12, (props.why?.length ?? 8) + 1))}<Text> </Text></> : null}
        {panel('gc', width, 7)}
        <Text> </Text>
        {panel('alloc', width, Math.min(12, Object.keys(state.alloc.arenas).length + 2))}
        <Text> </Text>
        {panel('memory', width, 6)}
        <Text> </Text>
        {panel('events', width, 12)}
      </Box>
    );
  }

  if (ui.mode === 'help') {
    return (
      <Box flexDirection="column" width={width} height={rows}>
        {header}
        <HelpPanel width={width} height={rows - 3} extra={props.help} />
        {status}
      </Box>
    );
  }

  if (width >= WIDE_COLUMNS && rows >= WIDE_ROWS) {
    const body = rows - 3;
    const left = Math.floor(width * 0.38);
    const mid = Math.floor(width * 0.32);
    const right = width - left - mid - 2;
    const srcH = Math.floor(body / 2);
    const heapH = Math.floor(body * 0.55);
    // The right column: gc and the allocator take what they need (one row per arena, up to
    // ten), the chart a quarter, why-alive the rest.
    const gcH = 7;
    const allocH = Math.min(12, Math.max(3, Object.keys(state.alloc.arenas).length + 2));
    const memH = Math.max(5, Math.min(14, Math.floor(body / 4)));
    return (
      <Box flexDirection="column" width={width} height={rows}>
        {header}
        <Box flexDirection="row" height={body}>
          <Box flexDirection="column" width={left}>{panel('source', left, srcH)}{panel('events', left, body - srcH)}</Box>
          <Box width={1} />
          <Box flexDirection="column" width={mid}>{panel('heap', mid, heapH)}{panel('object', mid, body - heapH)}</Box>
          <Box width={1} />
          <Box flexDirection="column" width={right}>
            {panel('gc', right, gcH)}{panel('memory', right, memH)}{panel('alloc', right, allocH)}{panel('why', right, body - gcH - memH - allocH)}
          </Box>
        </Box>
        {status}
      </Box>
    );
  }

  const body = rows - 4;
  const topH = Math.ceil(body / 2);
  const srcW = Math.floor(width * 0.4);
  const heapW = width - srcW - 1;
  const tabs = (
    <Text wrap="truncate">
      {PANELS.map((p) => (
        <Text key={p} {...(p === ui.panel ? paint('title') : paint('dim'))}>{p === ui.panel ? `[${TAB_NAMES[p]}] ` : ` ${TAB_NAMES[p]}  `}</Text>
      ))}
      <Text {...paint('dim')}>(Tab)</Text>
    </Text>
  );
  return (
    <Box flexDirection="column" width={width} height={rows}>
      {header}
      <Box flexDirection="row" height={topH}>
        {panel('source', srcW, topH)}
        <Box width={1} />
        {panel('heap', heapW, topH)}
      </Box>
      {tabs}
      {panel(ui.panel, width, body - topH)}
      {status}
    </Box>
  );
}
