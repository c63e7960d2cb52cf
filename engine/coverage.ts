/**
 * Action coverage: how often each action type fired, per component. Only counted when a
 * run asks for it (the CLI does; the benchmarks do not), so the hot loop pays nothing
 * otherwise.
 */
import type { Action } from '../model/core/model.js';
import type { Coverage } from './report.js';

export class CoverageCounter {
  private readonly counts = new Map<string, number>();
  private readonly owners = new Map<string, string>();

  constructor(private readonly ownerOf: (a: Action) => string) {}

  count(a: Action): void {
    const n = this.counts.get(a.type);
    if (n === undefined) {
      this.counts.set(a.type, 1);
      this.owners.set(a.type, this.ownerOf(a));
    } else this.counts.set(a.type, n + 1);
  }

  result(): Coverage {
    return this.resultWithout([]);
  }

  /**
   * The counts as if `fired` had not fired (a checkpoint taken inside a state's expansion:
   * the resumed run fires them again). A type left at zero is dropped, as never seen.
   */
  resultWithout(fired: readonly Action[]): Coverage {
    const counts = new Map(this.counts);
    for (const a of fired) counts.set(a.type, counts.get(a.type)! - 1);
    const actions: Record<string, Record<string, number>> = {};
    for (const [type, n] of counts) {
      if (n === 0) continue;
      const owner = this.owners.get(type)!;
      (actions[owner] ??= {})[type] = n;
    }
    return { actions };
  }

  /** Continues from saved counts (a checkpoint's), which come before anything counted here. */
  restore(saved: Coverage['actions']): void {
    for (const [owner, types] of Object.entries(saved)) {
      for (const [type, n] of Object.entries(types)) {
        this.counts.set(type, n);
        this.owners.set(type, owner);
      }
    }
  }
}
