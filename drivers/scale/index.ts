import type { Scale } from '../../src/core/ports/scale.js';
import type { ByteTransport } from '../transports/types.js';
import { CAS_DEFAULT_BAUD, CasScale } from './cas.js';
import type { LineScaleOptions } from './line-scale.js';
import { MASSAK_DEFAULT_BAUD, MassakScale } from './massak.js';

export { CasScale, CAS_DEFAULT_BAUD } from './cas.js';
export { MassakScale, MASSAK_DEFAULT_BAUD, MASSAK_TCP_PORT } from './massak.js';
export { DEFAULT_SCALE_TIMINGS, type ScaleTimings, type LineScaleOptions } from './line-scale.js';

export type ScaleProtocol = 'cas' | 'massak';
export const SCALE_PROTOCOLS: readonly ScaleProtocol[] = ['cas', 'massak'];

export const isScaleProtocol = (p: string): p is ScaleProtocol => (SCALE_PROTOCOLS as readonly string[]).includes(p);

export const SCALE_DEFAULT_BAUD: Record<ScaleProtocol, number> = { cas: CAS_DEFAULT_BAUD, massak: MASSAK_DEFAULT_BAUD };

/** A scale driver on a link someone else opened (and closes). */
export function scaleOn(protocol: ScaleProtocol, transport: ByteTransport, options: Omit<LineScaleOptions, 'ownsTransport'> = {}): Scale {
  return protocol === 'cas' ? new CasScale(transport, options) : new MassakScale(transport, options);
}

/** Opens the scale's serial port at the protocol's usual speed unless told otherwise; dispose() closes it. */
export function openScale(options: { protocol: ScaleProtocol; path: string; baudRate?: number } & Omit<LineScaleOptions, 'ownsTransport'>): Promise<Scale> {
  return options.protocol === 'cas' ? CasScale.open(options) : MassakScale.open(options);
}
