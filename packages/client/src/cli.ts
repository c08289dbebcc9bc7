// The `refscope` command: argument parsing and exit statuses (contracts.md: 0 ok; 1 the program
// raised or the input was refused; 2 usage). Each command lives in commands/.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { eventsCommand } from './commands/events.js';
import { runCommand } from './commands/run.js';
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
  refscope events prog.py --json | head`);

  program
    .command('run')
    .description('run a Python program in the simulated CPython 3.11, printing what it prints')
    .argument('<file>', 'the Python program')
    .option('--record <out>', 'write the event log to this file')
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
