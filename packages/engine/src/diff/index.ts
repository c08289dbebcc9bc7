// Comparing two recorded runs (the contracts.md `diff --json` object).
export { diffLogs, firstDivergence } from './diff.js';
export type { LogDiff, DiffSide, DiffRow, Breakdown, Amount } from './diff.js';
