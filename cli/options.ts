/**
 * Command-line values, validated once at the edge: every bad value is a one-line
 * InputError (exit 2) before anything is explored.
 */
import { InputError } from '../engine/scenario.js';

export function positiveInt(flag: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < 1) throw new InputError(`${flag} must be a positive integer, got ${JSON.stringify(raw)}`);
    return v;
  };
}

/** The most worker threads the parallel explorer runs (engine/parallel/explore.ts). */
export const MAX_WORKERS = 64;

export function intInRange(flag: string, min: number, max: number) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
      throw new InputError(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    }
    return v;
  };
}

export function nonNegativeInt(flag: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(v)) throw new InputError(`${flag} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    return v;
  };
}

export function positiveNumber(flag: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v) || v <= 0) throw new InputError(`${flag} must be a positive number, got ${JSON.stringify(raw)}`);
    return v;
  };
}

/** fast-check seeds are 32-bit integers; negative ones are allowed. */
export function seed(raw: string): number {
  const v = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || v < -(2 ** 31) || v >= 2 ** 32) throw new InputError(`--seed must be a 32-bit integer, got ${JSON.stringify(raw)}`);
  return v | 0;
}

export function oneOf<T extends string>(flag: string, values: readonly T[]) {
  return (raw: string): T => {
    if (!values.includes(raw as T)) throw new InputError(`${flag} must be one of ${values.join(', ')}, got ${JSON.stringify(raw)}`);
    return raw as T;
  };
}

/** Collects repeated `--param k=v`. */
export function param(raw: string, acc: Record<string, string> = {}): Record<string, string> {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new InputError(`--param takes key=value, got ${JSON.stringify(raw)}`);
  return { ...acc, [raw.slice(0, eq)]: raw.slice(eq + 1) };
}

/** `--shard i/n`: 1 <= i <= n. */
export function shard(raw: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new InputError(`--shard takes i/n with 1 <= i <= n, got ${JSON.stringify(raw)}`);
  return { index, count };
}
