import type { ErrorBody } from './errors.js';

/** What every transport answers for one command. */
export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ErrorBody };

/** The surface Electron's preload exposes to the page as `window.lavka`: nothing else. */
export interface LavkaBridge {
  call(name: string, input: unknown, token: string | null): Promise<DispatchResult>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

export const IPC_CALL = 'lavka:call';
export const IPC_EVENT = 'lavka:event';
