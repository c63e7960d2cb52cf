/**
 * Ctrl-C for the whole command. The listener is installed when this module is evaluated
 * (main.ts imports it first), so a Ctrl-C that arrives while the CLI's own modules or a
 * model file are still loading is not lost: until a command runs, it only raises a flag.
 * `faultline check` then stops its search at the flag and prints the partial report; any
 * other command exits at once (130), as the shell's default would. A second Ctrl-C always
 * exits at once.
 */

/** Exit code after Ctrl-C, as shells report SIGINT. */
export const INTERRUPTED = 130;

/** Shared with the check worker, whose explorers poll it. */
const buffer = new SharedArrayBuffer(4);
const flag = new Int32Array(buffer);

let graceful = true;

function onSigint(): void {
  if (!graceful || Atomics.load(flag, 0) !== 0) process.exit(INTERRUPTED);
  Atomics.store(flag, 0, 1);
}

process.on('SIGINT', onSigint);

/** Whether Ctrl-C was pressed during this command (or while it loaded). */
export function interrupted(): boolean {
  return Atomics.load(flag, 0) !== 0;
}

/** The flag, for a worker thread (`new Int32Array(buffer)`, non-zero once interrupted). */
export function interruptBuffer(): SharedArrayBuffer {
  return buffer;
}

/** A command that cannot stop gracefully: Ctrl-C (already pressed, or later) exits now. */
export function exitOnInterrupt(): void {
  graceful = false;
  if (interrupted()) process.exit(INTERRUPTED);
}

/** `faultline check`: Ctrl-C (already pressed, or later) stops the search; a second one exits. */
export function stopOnInterrupt(): void {
  graceful = true;
}

/** The command is over: the flag clears (for in-process callers of `main`) and Ctrl-C exits. */
export function endInterruptible(): void {
  graceful = false;
  Atomics.store(flag, 0, 0);
}
