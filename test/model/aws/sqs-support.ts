// What the sqs test files share: the queue on ten-second ticks and its two properties.
import { noDuplicateProcessing, noLostMessage, sqs, type SqsOptions, type SqsState } from '../../../model/aws/sqs/index.js';
import type { World } from '../../../model/compose/component.js';
import { always } from '../../../model/core/property.js';
import { TICK, solo } from '../support.js';

export const slice = (w: World): SqsState => w.sqs as SqsState;
/** Ten-second ticks (visibility 30 s = 3 ticks), retention left out unless a test sets it. */
export const queue = (o: SqsOptions = {}) => sqs({ tickSeconds: 10, retentionSeconds: Infinity, ...o });
export const model = (o: SqsOptions = {}) => solo(queue(o));
export const ticks = (n: number) => Array.from({ length: n }, () => TICK);

export const NoLostMessage = always<World>('NoLostMessage', (w) => noLostMessage(slice(w)));
export const NoDuplicateProcessing = always<World>('NoDuplicateProcessing', (w) => noDuplicateProcessing(slice(w)));
