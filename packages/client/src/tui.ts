// Entry point of the terminal debugger bundle (dist/tui.js). cli.ts loads it with a dynamic
// import only when a command draws a screen, so React and Ink never slow down `refscope run`.
export * from './tui/index.js';
