// The `refscope` command: argument parsing and exit statuses (contracts.md: 0 ok; 1 the program
// raised or the input was refused; 2 usage). Each command lives in commands/.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { eventsCommand } from './commands/events.js';
import { diffCommand } from './commands/diff.js';
import { historyCommand } from './commands/history.js';
import { replayCommand } from './commands/replay.js';
import { runCommand } from './commands/run.js';
import { statsCommand } from './commands/stats.js';
import { tuiCommand } from './commands/tui.js';
import { diffTuiCommand } from './tui/diff/command.js';
import { diffHelpText } from './tui/diff/model.js';
import { liveHelpText } from './tui/live/keys.js';
import { helpText } from './tui/keys.js';
import { whyCommand } from './commands/why.js';
import { out, printError, flushAll } from './output.js';
import { UserError } from './program.js';

const USAGE = 2;
const VERSION = '0.1.0';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
    throw new InvalidArgumentError('expected a positive whole number.');
  }
  return n;
}

function buildProgram(done: (status: number) => void): Command {
  const program = new Command('refscope')
    .description("A time-travel debugger for CPython 3.11's memory management")
    .usage('<command> [options]')
    .version(VERSION, '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => printError(s) })
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText('after', `
Examples:
  refscope run examples/two_node_cycle.py --story
  refscope run prog.py --record prog.rsrec
  refscope replay prog.rsrec --at 120 --json
  refscope why prog.rsrec '#12' --at 120
  refscope diff before.py after.py --exit-code
  refscope events prog.py --json | head`);

  program
    .command('run')
    .description('run a Python program in the simulated CPython 3.11, printing what it prints')
    .argument('<file>', 'the Python program')
    .option('--record <out>', 'write the recording to this file (format v2, docs/format.md), as the program runs')
    .option('--max-steps <n>', 'stop after this many bytecode instructions (exit 1)', positiveInt)
    .option('--story', 'after the output, tell what happened in memory, from the events')
    .action(async (file: string, opts: { record?: string; maxSteps?: number; story?: boolean }) => {
      done(await runCommand(file, opts));
    });

  program
    .command('events')
    .description('run a Python program and print its event stream, one event a line')
    .argument('<file>', 'the Python program')
    .option('--json', 'print JSON Lines (docs/events.md) instead of text')
    .option('--max-steps <n>', 'stop after this many bytecode instructions (exit 1)', positiveInt)
    .action(async (file: string, opts: { json?: boolean; maxSteps?: number }) => {
      done(await eventsCommand(file, opts));
    });

  program
    .command('replay')
    .description('show the state after an event of a recording (or of a .py program, run first)')
    .argument('<log>', 'a recording, or a .py program')
    .option('--at <n>', 'the event index (default: the last event)')
    .option('--show <what>', 'summary, heap, gc, arenas or source', 'summary')
    .option('--json', 'print the state summary as one JSON object (contracts.md)')
    .action(async (log: string, opts: { at?: string; show?: string; json?: boolean }) => {
      done(await replayCommand(log, opts));
    });

  program
    .command('why')
    .description('show the chain of references keeping an object alive')
    .argument('<log>', 'a recording, or a .py program')
    .argument('<obj>', 'the object number, as 12 or #12')
    .option('--at <n>', 'the event index (default: the last event)')
    .option('--json', 'print JSON')
    .action(async (log: string, obj: string, opts: { at?: string; json?: boolean }) => {
      done(await whyCommand(log, obj, opts));
    });

  program
    .command('history')
    .description("show an object's life: allocation, every refcount change, collector moves, free")
    .argument('<log>', 'a recording, or a .py program')
    .argument('<obj>', 'the object number, as 12 or #12')
    .option('--json', 'print JSON')
    .action(async (log: string, obj: string, opts: { json?: boolean }) => {
      done(await historyCommand(log, obj, opts));
    });

  program
    .command('stats')
    .description('totals, peak, top allocating lines and types, and collections per generation')
    .argument('<log>', 'a recording, or a .py program')
    .option('--json', 'print JSON')
    .action(async (log: string, opts: { json?: boolean }) => {
      done(await statsCommand(log, opts));
    });

  program
    .command('diff')
    .description('compare two runs: first divergence, memory at the end and at the peak, collections')
    .argument('<a>', 'a recording, or a .py program')
    .argument('<b>', 'a recording, or a .py program')
    .option('--json', 'print the contracts.md diff object')
    .option('--exit-code', 'exit 1 when the runs differ')
    .action(async (a: string, b: string, opts: { json?: boolean; exitCode?: boolean }) => {
      done(await diffCommand(a, b, opts));
    });

  program
    .command('tui')
    .description('the terminal debugger: step, rewind and search a recording (or a .py program, run first)')
    .argument('[log]', 'a recording, or a .py program')
    .option('--diff <runs...>', 'two runs side by side (recordings or .py programs), synced on source line')
    .option('--at <n>', 'start at this event (default: the last)')
    .option('--object <obj>', 'select this object (plain text: show it and why it is alive)')
    .option('--plain', 'print the plain-text view even on a terminal')
    .addHelpText('after', `\nKeys:\n${helpText()}\nWhen stdout is not a terminal, the panels are printed once as plain text (at --at or the end).`)
    .addHelpText('after', `\nKeys of the diff view (--diff A B):\n${diffHelpText()}\nWhen stdout is not a terminal, --diff prints what \`refscope diff\` prints, then both runs side by side at the first divergence.`)
    .action(async (log: string | undefined, opts: { at?: string; object?: string; plain?: boolean; diff?: string[] }) => {
      if (opts.diff !== undefined) {
        const runs = log === undefined ? opts.diff : [log, ...opts.diff];
        if (runs.length !== 2) throw new UserError('refscope: --diff takes two runs: refscope tui --diff A B', USAGE);
        return done(await diffTuiCommand(runs[0]!, runs[1]!, { plain: opts.plain }));
      }
      if (log === undefined) throw new UserError('refscope: tui needs a recording or a .py program (or --diff A B)', USAGE);
      done(await tuiCommand(log, opts));
    });

  program
    .command('attach')
    .description('the terminal debugger on a session of `refscope serve`: follow it live, pause, step, set breakpoints')
    .argument('<url>', 'the server, as ws://HOST:PORT')
    .option('--session <id>', 'the session to attach to (default: choose from a list)')
    .option('--run <file>', 'start this Python program in the server and attach to it (stopped when you quit)')
    .option('--paused', 'with --run: start the program paused')
    .option('--token <token>', "the server's token")
    .option('--plain', 'print the plain-text view even on a terminal')
    .addHelpText('after', `\nLive keys (with those of \`refscope tui --help\`):\n${liveHelpText()}\nWhen stdout is not a terminal: without --session or --run, prints the sessions; with --run, the\nplain-text view after the whole run; with --session, the view at the events the session had then.`)
    .action(async (url: string, opts: { session?: string; run?: string; paused?: boolean; token?: string; plain?: boolean }) => {
      // Loaded on use: the WebSocket client and the server (ws, rxjs) cost every other command start-up time.
      done(await (await import('./commands/attach.js')).attachCommand(url, opts));
    });

  program
    .command('serve')
    .description('serve live and recorded sessions over WebSocket (docs/protocol.md)')
    .option('--host <host>', 'the address to bind; anything but loopback needs --token', '127.0.0.1')
    .option('--port <port>', 'the port (0 picks a free one)', '7531')
    .option('--dir <dir>', 'the recordings directory: its recordings are sessions, live runs are recorded there')
    .option('--token <token>', 'a token clients must present (hello, or ?token= in the URL)')
    .option('--max-live <n>', 'live programs running at once; a run beyond them is refused as busy (default 8)', positiveInt)
    .option('--max-steps <n>', 'the step budget of each live program (default 2e9 instructions)', positiveInt)
    .action(async (opts: { host?: string; port?: string; dir?: string; token?: string; maxLive?: number; maxSteps?: number }) => {
      done(await (await import('./commands/serve.js')).serveCommand(opts));
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = buildProgram((s) => (status = s));
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (err) {
    if (err instanceof CommanderError) {
      const shown = err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version';
      return shown ? 0 : USAGE;
    }
    if (err instanceof UserError) {
      printError(err.message + '\n');
      return err.exitCode;
    }
    printError(`refscope: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    flushAll();
  }
}
