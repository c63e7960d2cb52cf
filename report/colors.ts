/**
 * Terminal colours. Every renderer takes a `color: boolean` and asks for a palette here, so
 * with colour off the output holds no escape codes at all (picocolors' `createColors(false)`
 * returns identity formatters). The CLI decides with `shouldColor`.
 */
import picocolors from 'picocolors';

/** The formatters a renderer may use (bold, red, green, ...); identity when colour is off. */
export type Palette = ReturnType<typeof picocolors.createColors>;

/** A palette that colours only when `enabled`. */
export function palette(enabled: boolean): Palette {
  return picocolors.createColors(enabled);
}

/**
 * Whether to colour output written to `stream`: never with `NO_COLOR` set (any non-empty
 * value, per no-color.org), always with `FORCE_COLOR` set (other than `0`), else only on a TTY.
 */
export function shouldColor(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Matches ANSI SGR escape sequences (what picocolors emits), for tests and width counting. */
export const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

/** `text` without colour escapes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}
