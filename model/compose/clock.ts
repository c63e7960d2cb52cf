/**
 * A composition has one clock: every component counts its timers in ticks of the same
 * length, so one `Tick` means the same seconds to all of them. `compose({ tickSeconds })` sets
 * it; else the components' explicit `tickSeconds`, which must agree; else their defaults,
 * which must agree too. A component left on its default is rebuilt on the clock; one given
 * another `tickSeconds` explicitly is an error, never a silent mix.
 */
import type { Component } from './component.js';

export interface Clock {
  /** Seconds per `Tick`; undefined when no component has timers. */
  readonly tickSeconds: number | undefined;
  /** The components, those with timers on the clock. */
  readonly components: readonly Component[];
}

const list = (cs: readonly Component[]) => cs.map((c) => `${c.name} ${c.tickSeconds} s`).join(', ');

export function resolveClock(components: readonly Component[], tickSeconds: number | undefined): Clock {
  if (tickSeconds !== undefined && !(Number.isFinite(tickSeconds) && tickSeconds > 0)) {
    throw new Error(`compose: tickSeconds must be a positive number of seconds, got ${tickSeconds}`);
  }
  const timed = components.filter((c) => c.tickSeconds !== undefined);
  const given = timed.filter((c) => c.tickGiven);
  let clock = tickSeconds;
  if (clock !== undefined) {
    const off = given.filter((c) => c.tickSeconds !== clock);
    if (off.length > 0) throw new Error(`compose: the composition's clock is ${clock} s a tick, but ${list(off)} given explicitly; drop their tickSeconds or make them agree`);
  } else if (given.length > 0) {
    if (given.some((c) => c.tickSeconds !== given[0].tickSeconds)) throw new Error(`compose: components count time in different ticks (${list(given)}); give them one tickSeconds, or compose({ tickSeconds })`);
    clock = given[0].tickSeconds;
  } else if (timed.length > 0) {
    if (timed.some((c) => c.tickSeconds !== timed[0].tickSeconds)) {
      throw new Error(`compose: the components' default ticks differ (${list(timed)}); choose one clock with compose({ tickSeconds })`);
    }
    clock = timed[0].tickSeconds;
  }
  const onClock = components.map((c) => {
    if (c.tickSeconds === undefined || c.tickSeconds === clock) return c;
    if (!c.retick) throw new Error(`compose: ${c.name} counts ${c.tickSeconds} s a tick and cannot be put on the ${clock} s clock`);
    return c.retick(clock!);
  });
  return { tickSeconds: clock, components: onClock };
}
