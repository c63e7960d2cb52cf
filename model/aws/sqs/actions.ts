/**
 * The sqs component's actions: their types, the unions sqs originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { AzOutage } from '../az/index.js';
import type { Tick } from '../../compose/compose.js';

/** The producer sends message `message` (FIFO: in index order). */
export interface SendMessage { readonly type: 'SendMessage'; readonly kind: 'op'; readonly message: number }
/** Worker `worker` receives `message` (or, past maxReceiveCount with a DLQ, moves it there). */
export interface ReceiveMessage { readonly type: 'ReceiveMessage'; readonly kind: 'op'; readonly worker: number; readonly message: number }
/** Worker `worker` finishes processing its message (a poison message fails: abandoned, not deleted). */
export interface ProcessMessage { readonly type: 'ProcessMessage'; readonly kind: 'op'; readonly worker: number }
/** Worker `worker` deletes its processed message with its receipt handle. */
export interface DeleteMessage { readonly type: 'DeleteMessage'; readonly kind: 'op'; readonly worker: number }
/** Worker `worker` sets its message's visibility timeout to `seconds` from now (0 releases it). */
export interface ChangeMessageVisibility { readonly type: 'ChangeMessageVisibility'; readonly kind: 'op'; readonly worker: number; readonly seconds: number }
/** Worker `worker` crashes: whatever it held is dropped (its message becomes visible after the timeout). */
export interface WorkerCrash { readonly type: 'WorkerCrash'; readonly kind: 'fault'; readonly worker: number }
/** A crashed worker is restarted (after `restartSeconds`, in an up zone). */
export interface WorkerRestart { readonly type: 'WorkerRestart'; readonly kind: 'control'; readonly worker: number }
/**
 * Another copy of message `message` is delivered: the copy a standard queue's unavailable
 * server kept through a receive or a delete (at-least-once), or the copy a producer's retry
 * sent. An op, not a fault: it is the queue's contract, so no fault budget bounds it, and like
 * an op it may happen or not (a control action would be forced on every recovery path).
 */
export interface CopyDelivered { readonly type: 'CopyDelivered'; readonly kind: 'op'; readonly message: number }
/**
 * The response to a SendMessage of `message` is lost (a network failure) and the producer
 * sends it again: a new copy, unless a FIFO queue deduplicates it (same deduplication ID,
 * within 5 minutes of the first send).
 */
export interface SendResponseLost { readonly type: 'SendResponseLost'; readonly kind: 'fault'; readonly message: number }

export type SqsOp = SendMessage | ReceiveMessage | ProcessMessage | DeleteMessage | ChangeMessageVisibility | CopyDelivered;
/** Every action sqs originates. */
export type SqsAction = SqsOp | WorkerCrash | SendResponseLost | WorkerRestart;
/** Every action sqs reduces. */
export type SqsSubscribed = SqsAction | AzOutage | Tick;

export const SQS_OPS = ['SendMessage', 'ReceiveMessage', 'ProcessMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'CopyDelivered'] as const;
export const SQS_FAULTS = ['WorkerCrash', 'SendResponseLost'] as const;
export const SQS_CONTROLS = ['WorkerRestart'] as const;

export const sendMessage = (message: number): SendMessage => ({ type: 'SendMessage', kind: 'op', message });
export const receiveMessage = (worker: number, message: number): ReceiveMessage => ({ type: 'ReceiveMessage', kind: 'op', worker, message });
export const processMessage = (worker: number): ProcessMessage => ({ type: 'ProcessMessage', kind: 'op', worker });
export const deleteMessage = (worker: number): DeleteMessage => ({ type: 'DeleteMessage', kind: 'op', worker });
export const changeMessageVisibility = (worker: number, seconds: number): ChangeMessageVisibility => ({ type: 'ChangeMessageVisibility', kind: 'op', worker, seconds });
export const workerCrash = (worker: number): WorkerCrash => ({ type: 'WorkerCrash', kind: 'fault', worker });
export const workerRestart = (worker: number): WorkerRestart => ({ type: 'WorkerRestart', kind: 'control', worker });
export const copyDelivered = (message: number): CopyDelivered => ({ type: 'CopyDelivered', kind: 'op', message });
export const sendResponseLost = (message: number): SendResponseLost => ({ type: 'SendResponseLost', kind: 'fault', message });
