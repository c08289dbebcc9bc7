// Entry point of the terminal debugger bundle (dist/tui.js). cli.ts loads it with a dynamic
// import only when a command draws a screen, so React and Ink never slow down `refscope run`.
export * from './tui/index.js';
// Part 2 of the TUI: the session picker of `attach` and the diff view of `tui --diff`.
export { pickSession, Picker } from './tui/live/Picker.js';
export { diffPair, diffSideBySide, runDiffTui, DiffApp, DiffScreen, type DiffPair } from './tui/diff/index.js';
