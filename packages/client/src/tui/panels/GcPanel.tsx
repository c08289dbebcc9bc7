// The cyclic collector: each generation's count against its threshold, collections run, and the
// last collection: which generation, how many objects it found unreachable, collected, could not.
import React from 'react';
import type { GcState } from '@refscope/engine';
import { Panel, Line } from './Panel.js';
import { paint } from '../theme.js';

export interface GcProps {
  gc: GcState;
  /** The objects the running or last collection found unreachable (`gcFound`), or nothing. */
  found?: string;
  width: number;
  height: number;
  focused?: boolean;
}

/** A bar `[#####.....]` of count against threshold, `size` cells inside the brackets. */
export function bar(value: number, max: number, size: number): string {
  const full = max <= 0 ? 0 : Math.min(size, Math.round((value / max) * size));
  return '[' + '#'.repeat(full) + '.'.repeat(size - full) + ']';
}

export function GcPanel({ gc, found, width, height, focused }: GcProps): React.JSX.Element {
  const barSize = Math.max(4, Math.min(20, width - 40));
  const last = gc.last;
  return (
    <Panel title="gc · count / threshold" width={width} height={height} focused={focused}>
      {[0, 1, 2].map((g) => (
        <Line key={g} {...(gc.count[g]! >= gc.threshold[g]! ? paint('accent') : {})}>
          {`gen${g} ${String(gc.count[g]).padStart(4)}/${String(gc.threshold[g]).padEnd(4)} ${bar(gc.count[g]!, gc.threshold[g]!, barSize)}  ${gc.collections[g]} runs`}
        </Line>
      ))}
      <Line>{`collected ${gc.collected.reduce((a, b) => a + b, 0)}, uncollectable ${gc.uncollectable.reduce((a, b) => a + b, 0)}`}</Line>
      {gc.running >= 0
        ? <Line {...paint('warn')}>{`collecting generation ${gc.running}: ${gc.phase || 'starting'}, ${gc.pendingUnreachable} unreachable so far`}</Line>
        : last
          ? <Line>{`last: gen${last.gen} at event ${last.stop}: ${last.unreachable} unreachable, ${last.collected} collected, ${last.uncollectable} uncollectable`}</Line>
          : <Line {...paint('dim')}>no collection yet</Line>}
      {found ? <Line>{`found ${found}`}</Line> : null}
    </Panel>
  );
}
