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
    const actions: Record<string, Record<string, number>> = {};
    for (const [type, n] of this.counts) {
      const owner = this.owners.get(type)!;
      (actions[owner] ??= {})[type] = n;
    }
    return { actions };
  }
}
