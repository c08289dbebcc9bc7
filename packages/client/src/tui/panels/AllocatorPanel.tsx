// pymalloc: the arenas mapped and, for each, its pools and how full their blocks are.
import React from 'react';
import type { AllocatorState } from '@refscope/engine';
import { Panel, Line } from './Panel.js';
import { bar } from './GcPanel.js';

export interface AllocatorProps {
  alloc: AllocatorState;
  /**
   * The log records each block (malloc / mem_free events). Without them pools and arenas are
   * known but not how full they are: the panel lists each arena's pools by block size instead.
   */
  blocks?: boolean;
  width: number;
  height: number;
  focused?: boolean;
}

// Objects/obmalloc.c on 64-bit 3.11 (engine memory/pymalloc.ts): 16 KiB pools with a 48-byte
// header, 1 MiB arenas holding 63 pools once aligned.
const POOL_SIZE = 16384;
const POOL_OVERHEAD = 48;
const POOLS_PER_ARENA = 63;

export interface ArenaRow {
  arena: number;
  pools: number;
  /** The block sizes of its pools, ascending, each once. */
  sizes: number[];
  used: number;
  capacity: number;
}

/** Each arena's pools and blocks in use against the blocks its pools hold. */
export function arenaRows(alloc: AllocatorState): ArenaRow[] {
  return Object.keys(alloc.arenas).map(Number).sort((a, b) => a - b).map((arena) => {
    const pools = Object.values(alloc.arenas[arena]!);
    let used = 0;
    let capacity = 0;
    const sizes = new Set<number>();
    for (const p of pools) {
      used += p.used;
      capacity += Math.floor((POOL_SIZE - POOL_OVERHEAD) / p.size);
      sizes.add(p.size);
    }
    return { arena, pools: pools.length, used, capacity, sizes: [...sizes].sort((a, b) => a - b) };
  });
}

export function AllocatorPanel({ alloc, blocks = true, width, height, focused }: AllocatorProps): React.JSX.Element {
  const rows = arenaRows(alloc);
  const shown = Math.max(0, height - 2);
  const barSize = Math.max(4, Math.min(20, width - 44));
  return (
    <Panel title={`allocator · ${alloc.arenaCount} arenas`} width={width} height={height} focused={focused}>
      <Line>
        {blocks ? `${alloc.blocks} blocks, ${alloc.pymallocBytes} bytes pymalloc, ${alloc.rawBytes} bytes raw`
          : 'blocks in use: not in this recording (no malloc events)'}
      </Line>
      {rows.slice(0, rows.length > shown ? shown - 1 : shown).map((r) => (
        <Line key={r.arena}>
          {`arena ${String(r.arena).padEnd(3)} ${String(r.pools).padStart(2)}/${POOLS_PER_ARENA} pools ` +
            (blocks ? `${bar(r.used, r.capacity, barSize)} ${r.used}/${r.capacity} blocks` : `block sizes ${r.sizes.join(' ')}`)}
        </Line>
      ))}
      {rows.length > shown ? <Line>{`… ${rows.length - shown + 1} more arenas`}</Line> : null}
    </Panel>
  );
}
