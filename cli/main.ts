/**
 * The `faultline` command. Exit codes: 0 every property met its expectation, 1 one did not
 * (or a replayed trace still fails), 2 bad input (one line on stderr, never a stack trace),
 * 130 interrupted (Ctrl-C).
 */
// First, so that Ctrl-C is caught from the earliest moment (see interrupt.ts). The commands
// load when they run: the modules loaded before this listener is live are kept few.
import { endInterruptible, exitOnInterrupt } from './interrupt.js';
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../engine/scenario.js';
import { intInRange, MAX_WORKERS, nonNegativeInt, oneOf, param, positiveInt, positiveNumber, seed, shard } from './options.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('faultline')
    .description('Model checker and property-based verification for fault-tolerance designs on AWS')
    .version('0.1.0')
    .exitOverride()
    // One line per error, in the same voice as faultline's own errors.
    .configureOutput({ outputError: (s, write) => write(`faultline: ${printable(s.replace(/^error: /, '').split('\n')[0])}\n`) })
    .showSuggestionAfterError(false)
    // Only check stops gracefully on Ctrl-C (a partial report); every other command just exits.
    .hook('preAction', (_, command) => {
      if (command.name() !== 'check') exitOnInterrupt();
    });

  program
    .command('list')
    .description('list the bundled scenarios')
    .option('--json', 'print [{ name, description, modes, properties }]')
    .action(async (o) => (await import('./list.js')).listCommand(o));

  program
    .command('check')
    .description('check a scenario (a bundled name, a base name for all its variants, a .ts/.js file, or a CloudFormation template)')
    .argument('[target]', 'scenario name, base name, scenario file, or .yaml/.yml/.json/.template CloudFormation template')
    .option('--all', 'check every bundled scenario')
    .addOption(new Option('--mode <mode>', 'random, exhaustive or both (default: the scenario\'s modes)').argParser(oneOf('--mode', ['random', 'exhaustive', 'both'] as const)))
    .option('--seed <n>', 'fast-check seed (random mode)', seed)
    .option('--runs <n>', 'random runs', positiveInt('--runs'))
    .option('--steps <n>', 'most actions per random run', nonNegativeInt('--steps'))
    .option('--depth <n>', 'exhaustive: do not explore past this many actions', nonNegativeInt('--depth'))
    .option('--max-states <n>', 'exhaustive: stop after this many distinct states', positiveInt('--max-states'))
    .option('--expected-states <n>', 'exhaustive: size the state store for about this many states up front (as SPIN\'s -w), sparing the table\'s growth; any estimate gives the same result', positiveInt('--expected-states'))
    .option('--time-limit <s>', 'stop after this many seconds', positiveNumber('--time-limit'))
    .option('--max-memory <mb>', 'exhaustive: stop when the process uses this many MB', positiveNumber('--max-memory'))
    .option('--size <s>', 'shorthand for --param size=S')
    .option('--param <k=v>', 'set a scenario parameter (repeatable)', param)
    .option('--symmetry', 'exhaustive: symmetry reduction (needs the model\'s canonical)')
    .option('--prompt-control', 'exhaustive: Tick waits while a control action (or recovery op) is enabled, as recovery paths do (default for composed models)')
    .option('--no-prompt-control', 'exhaustive: Tick may come at any time, interleaved with control actions (timing-range analyses; default for hand-written models)')
    .option('--por', 'exhaustive: partial-order reduction of independent components\' actions (compositions with always/sometimes properties; a notice where it does not apply)')
    .option('--on-objects', 'exhaustive: expand every state with the model\'s object functions, not its packed transitions: the same verdicts, more slowly (a cross-check of a result you doubt)')
    .option('--no-fault-bias', 'random: let every run use every fault')
    .option('--json', 'print a JSON array, one document per scenario and mode')
    .option('--out <dir>', 'where to save counterexample traces', './faultline-traces')
    .addOption(new Option('--format <f>', 'also save each trace as ITF (.itf.json) or Mermaid (.mmd)').default('json').argParser(oneOf('--format', ['json', 'itf', 'mermaid'] as const)))
    .option('--html <file>', 'write a self-contained HTML report (timeline, stats, coverage)')
    .option('--junit <file>', 'write JUnit XML, one test case per property')
    .option('--shard <i/n>', 'random: run shard i of n (a disjoint part of the seed space)', shard)
    .option('--workers <n>', `exhaustive: explore with N worker threads, at most ${MAX_WORKERS} (a schema's codes, or codes inferred for plain-object states)`, intInRange('--workers', 1, MAX_WORKERS))
    .option('--progress', 'print progress on stderr even with --json or without a terminal (plain lines there)')
    .option('--verbose', 'print every counterexample, each run\'s statistics and the action coverage')
    .option('--explain-size', 'print each state field\'s share of the state-space bound, and search nothing')
    .option('--checkpoint <file>', 'exhaustive: save the run to FILE every --checkpoint-every minutes and at Ctrl-C or a limit, to continue with --resume')
    .option('--checkpoint-every <minutes>', 'minutes between checkpoints (default 10)', positiveNumber('--checkpoint-every'))
    .option('--resume <file>', 'exhaustive: continue the run saved in a --checkpoint file (the same scenario and parameters)')
    .action(async (target, o) => (await import('./check.js')).checkCommand(target, o));

  program
    .command('import')
    .description('import a CloudFormation template: print its scenarios as a TypeScript module to save, edit and check (faultline check FILE.ts), without checking')
    .argument('<file>', 'a .yaml, .yml, .json or .template CloudFormation template')
    .option('--param <k=v>', 'a template parameter, an assumption (zones=3, Queue.consumers=2) or a switch (off=NoLostMessage) (repeatable)', param)
    .option('--report', 'print the mapping instead: the units, where each value came from, assumptions, unknowns and warnings')
    .option('--json', 'print the mapping as JSON')
    .action(async (file, o) => (await import('./template.js')).importCommand(file, o));

  program
    .command('availability')
    .description('the availability of a bundled scenario\'s design with fault rates and repair times: nines, downtime, mean time to the first loss, each fault\'s share')
    .argument('<scenario>', 'a bundled scenario with an availability mode')
    .option('--property <name>', 'measure this always property only (default: every one)')
    .option('--rate <Type=value>', 'a rate: per hour (0.001), a mean time (4h, 30m, 90s) or immediate (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--json', 'print the figures as JSON')
    .option('--monte-carlo', 'estimate by simulation instead of solving the chain (for designs too large to enumerate): a confidence interval, failure biasing when downtime is rare')
    .option('--seed <n>', '--monte-carlo: the generator\'s seed (default 1)', seed)
    .option('--cycles <n>', '--monte-carlo: regeneration cycles to run at most (default 1,000,000)', positiveInt('--cycles'))
    .option('--precision <share>', '--monte-carlo: stop when the 95 % interval is within this share of the estimate (default 0.1: ±10 %)')
    .addOption(new Option('--importance <mode>', '--monte-carlo: failure biasing: auto (default: when a plain pilot sees downtime in under 5 % of cycles), on or off').argParser(oneOf('--importance', ['auto', 'on', 'off'] as const)))
    .action(async (target, o) => (await import('./availability.js')).availabilityCommand(target, o));

  program
    .command('replay')
    .description('replay a saved trace against the current model')
    .argument('<file>', 'a trace saved by faultline check')
    .addOption(new Option('--format <f>', 'print the trace as text (default), json, itf or mermaid').default('text').argParser(oneOf('--format', ['text', 'json', 'itf', 'mermaid'] as const)))
    .option('--html <file>', 'write the trace as an HTML timeline')
    .option('--emit-test [file]', 'write a Vitest regression test that replays this trace (default: <trace>.test.ts)')
    .action(async (file, o) => (await import('./replay.js')).replayCommand(file, o));

  program
    .command('merge')
    .description("combine the --json results of sharded runs into one report")
    .argument('<files...>', '--json outputs of faultline check --shard i/n')
    .option('--json', 'print the merged JSON (default: text)')
    .action(async (files, o) => (await import('./merge.js')).mergeCommand(files, o));

  program
    .command('invariants')
    .description('the invariant library: each property, its kind and the components it reads')
    .option('--json', 'print [{ call, property, kind, needs, description }]')
    .action(async (o) => (await import('./invariants.js')).invariantsCommand(o));

  program
    .command('init')
    .description('scaffold a scenario project: package.json, tsconfig, Vitest, an example scenario and its test, CI')
    .argument('[dir]', 'where to create it (default: the current directory)')
    .option('--faultline <spec>', 'the faultline dependency in package.json (default: this installation)')
    .action(async (dir, o) => (await import('./init.js')).initCommand(dir, o));

  program
    .command('components')
    .description('the AWS component catalog: parameters and actions')
    .option('--json', 'print [{ name, parameters, actions: { op, fault, control, plane } }] (plane: each action control or data)')
    .action(async (o) => (await import('./components.js')).componentsCommand(o));

  program
    .command('bench')
    .description('benchmark the sqs-pool model (one measurement in this process)')
    .argument('<model>', 'sqs-pool')
    .addOption(new Option('--size <s>', 'small, medium, large, xlarge or xxlarge').default('small'))
    .addOption(new Option('--variant <v>', 'correct or early-delete').default('correct').argParser(oneOf('--variant', ['correct', 'early-delete'] as const)))
    .option('--full', 'early-delete: explore the whole space instead of stopping at the first violation')
    .addOption(new Option('--mode <mode>', 'exhaustive or random').default('exhaustive').argParser(oneOf('--mode', ['exhaustive', 'random'] as const)))
    .option('--encoded', 'the schema path: exact bit-packed codes and packed transitions (generated accessors)')
    .option('--codec-only', 'the schema\'s codec with transitions on decoded objects')
    .option('--fingerprints', 'plain path with 64-bit fingerprints instead of inferred codes')
    .option('--workers <n>', 'exhaustive on N worker threads (any path but --fingerprints)', intInRange('--workers', 1, MAX_WORKERS))
    .option('--expected-states <n>', 'exhaustive: size the state store for about this many states up front', positiveInt('--expected-states'))
    .option('--symmetry', 'symmetry reduction')
    .option('--runs <n>', 'random runs', positiveInt('--runs'), 20_000)
    .option('--steps <n>', 'most actions per random run', nonNegativeInt('--steps'), 20)
    .option('--seed <n>', 'fast-check seed', seed, 42)
    .option('--json', 'print the figures as JSON')
    .action(async (model, o) => (await import('./bench.js')).benchCommand(model, o));

  return program;
}

/**
 * Text that came from outside (arguments, file names, model messages) made safe to print as
 * one line: line breaks and tabs as `\n` `\r` `\t`, other control characters (terminal escape
 * sequences included), bidirectional overrides and BOMs as `\uXXXX`.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

const ONE_LINE_ERRORS = new Set(['InputError', 'TraceError', 'SchemaError', 'MergeError', 'ItfError', 'ModelError']);

/** An operating-system error (a file that cannot be read or written): the user's to fix. */
function isSystemError(e: unknown): e is NodeJS.ErrnoException & { syscall: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  // No command at all asks what faultline does: the help, as --help prints it (commander would
  // print it on stderr as an error, many lines under exit 2).
  if (argv.length === 0 || (argv.length === 1 && argv[0] === '--')) argv = ['--help'];
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its one-line error.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError || ONE_LINE_ERRORS.has((e as Error)?.name)) {
      process.stderr.write(`faultline: ${printable((e as Error).message)}\n`);
      return 2;
    }
    if (isSystemError(e)) {
      process.stderr.write(`faultline: ${printable(`${e.path ?? e.syscall}: ${e.code} (${e.syscall})`)}\n`);
      return 2;
    }
    // A bug in faultline: the stack is for its maintainers, every line made printable.
    const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
    process.stderr.write(`faultline: internal error: ${text.split('\n').map(printable).join('\n')}\n`);
    return 3;
  } finally {
    endInterruptible();
  }
}
