// The interactive debugger: the UI state, the keys, the source's updates, play, and resize.
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { useApp, useInput } from 'ink';
import { Inspector } from './inspect.js';
import { keyNames } from './keys.js';
import { grow, initialState, update, type UiState } from './model.js';
import { Screen } from './Screen.js';
import type { DebugSource } from './source.js';
import { useTerminalSize } from './terminal.js';

/**
 * A key the model does not handle, given first to the host (live control: part of `attach`).
 * Return the new state to take the key, or null to let the model have it.
 */
export type KeyHandler = (key: string, ui: UiState, source: DebugSource) => UiState | null;

export interface AppProps {
  source: DebugSource;
  /** Start at this event (default: the last). */
  at?: number;
  /** Start with this object selected. */
  select?: number;
  /** Start following a live log's end. */
  follow?: boolean;
  onKey?: KeyHandler;
  /** Keys the host handles in onKey, for the help (`?`). */
  help?: readonly (readonly [string, string])[];
  /** Play speed: milliseconds per beat. */
  beat?: number;
}

export function App({ source, at, select, follow, onKey, help, beat = 100 }: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const size = useTerminalSize();
  const [timeline, setTimeline] = useState(() => source.timeline());
  const inspector = useMemo(() => new Inspector(timeline), [timeline]);
  const [ui, setUi] = useState<UiState>(() => ({
    ...initialState(timeline.length, at), follow: follow ?? false, selected: select ?? null,
  }));
  // The latest state, for event handlers: each key is reduced from the one before it (several
  // can arrive in one read), and onKey's side effects (live control) run once, in the handler,
  // never inside a React state updater.
  const current = useRef(ui);
  const apply = (next: UiState): void => {
    if (next === current.current) return;
    current.current = next;
    setUi(next);
  };
  const step = useRef(apply);
  step.current = apply;
  // Re-render when a live source moves (new events, paused, breakpoints) even if the timeline did not change.
  const [, setTick] = useState(0);

  useEffect(() => source.subscribe(() => {
    const t = source.timeline();
    setTimeline(t);
    step.current(grow(current.current, t.length));
    setTick((n) => n + 1);
  }), [source]);

  useInput((input, key) => {
    for (const name of keyNames(input, key)) {
      const s = current.current;
      apply((s.mode === 'normal' && onKey?.(name, s, source)) || update(s, name, inspector));
    }
  });

  useEffect(() => {
    if (ui.quit) exit();
  }, [ui.quit, exit]);

  useEffect(() => {
    if (!ui.playing) return;
    const timer = setInterval(() => step.current(update(current.current, 'tick', inspector)), beat);
    return () => clearInterval(timer);
  }, [ui.playing, inspector, beat]);

  // A search runs one slice per turn of the event loop, so keys (Escape) and redraws get through.
  useEffect(() => {
    if (ui.mode !== 'scanning') return;
    const next = setImmediate(() => step.current(update(current.current, 'scan', inspector)));
    return () => clearImmediate(next);
  }, [ui.mode, ui.scan, inspector]);

  return <Screen ui={ui} source={source} inspector={inspector} columns={size.columns} rows={size.rows} help={help} />;
}
