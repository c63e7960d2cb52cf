/**
 * The `faultline` command. Exit codes: 0 every property met its expectation, 1 one did not
 * (or a replayed trace still fails), 2 bad input (one line on stderr, never a stack trace).
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../engine/scenario.js';
import { TraceError } from '../engine/trace.js';
import { benchCommand } from './bench.js';
import { checkCommand } from './check.js';
import { componentsCommand } from './components.js';
import { listCommand } from './list.js';
import { nonNegativeInt, oneOf, param, positiveInt, positiveNumber, seed, shard } from './options.js';
import { mergeCommand } from './merge.js';
import { replayCommand } from './replay.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('faultline')
    .description('Model checker and property-based verification for fault-tolerance designs on AWS')
    .version('0.1.0')
    .exitOverride()
    // One line per error, in the same voice as faultline's own errors.
    .configureOutput({ outputError: (s, write) => write(`faultline: ${s.replace(/^error: /, '').split('\n')[0]}\n`) })
    .showSuggestionAfterError(false);

  program
    .command('list')
    .description('list the bundled scenarios')
    .option('--json', 'print [{ name, description, modes, properties }]')
    .action((o) => listCommand(o));

  program
    .command('check')
    .description('check a scenario (a bundled name, a base name for all its variants, or a .ts/.js file)')
    .argument('[target]', 'scenario name, base name, or scenario file')
    .option('--all', 'check every bundled scenario')
    .addOption(new Option('--mode <mode>', 'random, exhaustive or both (default: the scenario\'s modes)').argParser(oneOf('--mode', ['random', 'exhaustive', 'both'] as const)))
    .option('--seed <n>', 'fast-check seed (random mode)', seed)
    .option('--runs <n>', 'random runs', positiveInt('--runs'))
    .option('--steps <n>', 'most actions per random run', nonNegativeInt('--steps'))
    .option('--depth <n>', 'exhaustive: do not explore past this many actions', nonNegativeInt('--depth'))
    .option('--max-states <n>', 'exhaustive: stop after this many distinct states', positiveInt('--max-states'))
    .option('--time-limit <s>', 'stop after this many seconds', positiveNumber('--time-limit'))
    .option('--max-memory <mb>', 'exhaustive: stop when the process uses this many MB', positiveNumber('--max-memory'))
    .option('--size <s>', 'shorthand for --param size=S')
    .option('--param <k=v>', 'set a scenario parameter (repeatable)', param)
    .option('--symmetry', 'exhaustive: symmetry reduction (needs the model\'s canonical)')
    .option('--no-fault-bias', 'random: let every run use every fault')
    .option('--json', 'print a JSON array, one document per scenario and mode')
    .option('--out <dir>', 'where to save counterexample traces', './faultline-traces')
    .addOption(new Option('--format <f>', 'also save each trace as ITF (.itf.json) or Mermaid (.mmd)').default('json').argParser(oneOf('--format', ['json', 'itf', 'mermaid'] as const)))
    .option('--html <file>', 'write a self-contained HTML report (timeline, stats, coverage)')
    .option('--junit <file>', 'write JUnit XML, one test case per property')
    .option('--shard <i/n>', 'random: run shard i of n (a disjoint part of the seed space)', shard)
    .option('--workers <n>', 'exhaustive: explore with N worker threads (needs a state schema)', positiveInt('--workers'))
    .action((target, o) => checkCommand(target, o));

  program
    .command('replay')
    .description('replay a saved trace against the current model')
    .argument('<file>', 'a trace saved by faultline check')
    .addOption(new Option('--format <f>', 'print the trace as text (default), json, itf or mermaid').default('text').argParser(oneOf('--format', ['text', 'json', 'itf', 'mermaid'] as const)))
    .option('--html <file>', 'write the trace as an HTML timeline')
    .option('--emit-test [file]', 'write a Vitest regression test that replays this trace (default: <trace>.test.ts)')
    .action((file, o) => replayCommand(file, o));

  program
    .command('merge')
    .description("combine the --json results of sharded runs into one report")
    .argument('<files...>', '--json outputs of faultline check --shard i/n')
    .option('--json', 'print the merged JSON (default: text)')
    .action((files, o) => mergeCommand(files, o));

  program
    .command('components')
    .description('the AWS component catalog: parameters and actions')
    .option('--json', 'print [{ name, parameters, actions: { op, fault, control } }]')
    .action((o) => componentsCommand(o));

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
    .option('--workers <n>', 'exhaustive on N worker threads (with --encoded or --codec-only)', positiveInt('--workers'))
    .option('--symmetry', 'symmetry reduction')
    .option('--runs <n>', 'random runs', positiveInt('--runs'), 20_000)
    .option('--steps <n>', 'most actions per random run', nonNegativeInt('--steps'), 20)
    .option('--seed <n>', 'fast-check seed', seed, 42)
    .option('--json', 'print the figures as JSON')
    .action((model, o) => benchCommand(model, o));

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its one-line error.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError || e instanceof TraceError || ['SchemaError', 'MergeError', 'ItfError'].includes((e as Error)?.name)) {
      process.stderr.write(`faultline: ${(e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`faultline: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 3;
  }
}
