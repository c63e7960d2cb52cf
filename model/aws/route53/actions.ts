/**
 * The route53 component's actions: their types, the unions route53 originates and reduces,
 * the catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { Tick } from '../../compose/compose.js';

/** Endpoint `endpoint` fails: down for checkers and users alike. */
export interface DnsEndpointDown { readonly type: 'DnsEndpointDown'; readonly kind: 'fault'; readonly endpoint: number }
/** Endpoint `endpoint` is repaired (a fault-kind repair). */
export interface DnsEndpointUp { readonly type: 'DnsEndpointUp'; readonly kind: 'fault'; readonly endpoint: number }
/** Users can no longer reach `endpoint`, but most health checkers still do. */
export interface DnsEndpointIsolated { readonly type: 'DnsEndpointIsolated'; readonly kind: 'fault'; readonly endpoint: number }

/** The client's resolver queries again before its cached answer expires (resolvers may; never later). */
export interface DnsResolve { readonly type: 'DnsResolve'; readonly kind: 'op' }

/**
 * An operator or a failover script edits the failover records (ChangeResourceRecordSets) so
 * that the primary record names `endpoint`: failover by editing records, a control-plane call
 * (INV-R53-5). Enabled with `recordChanges` while the primary's endpoint is unreachable.
 */
export interface ChangeRecord { readonly type: 'ChangeRecord'; readonly kind: 'op'; readonly endpoint: number }

/** Every action route53 originates. */
export type Route53Action = DnsResolve | ChangeRecord | DnsEndpointDown | DnsEndpointUp | DnsEndpointIsolated;
/** Every action route53 reduces. */
export type Route53Subscribed = Route53Action | Tick;

export const ROUTE53_OPS = ['DnsResolve', 'ChangeRecord'] as const;
/** The ops that count as recovery (compose's `recovery` option): the record edit. */
export const ROUTE53_RECOVERY = ['ChangeRecord'] as const;
export const ROUTE53_FAULTS = ['DnsEndpointDown', 'DnsEndpointUp', 'DnsEndpointIsolated'] as const;

export const dnsResolve = (): DnsResolve => ({ type: 'DnsResolve', kind: 'op' });
export const changeRecord = (endpoint: number): ChangeRecord => ({ type: 'ChangeRecord', kind: 'op', endpoint });
export const dnsEndpointDown = (endpoint: number): DnsEndpointDown => ({ type: 'DnsEndpointDown', kind: 'fault', endpoint });
export const dnsEndpointUp = (endpoint: number): DnsEndpointUp => ({ type: 'DnsEndpointUp', kind: 'fault', endpoint });
export const dnsEndpointIsolated = (endpoint: number): DnsEndpointIsolated => ({ type: 'DnsEndpointIsolated', kind: 'fault', endpoint });
