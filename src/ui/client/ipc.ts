import type { LavkaBridge } from '../../shared/contract/bridge.js';
import type { Transport } from './connection.js';

declare global {
  interface Window {
    lavka?: LavkaBridge;
  }
}

/** Inside Electron: the preload's bridge, which forwards to the main process over IPC. */
export function ipcTransport(bridge: LavkaBridge): Transport {
  return { send: (name, input, token) => bridge.call(name, input, token), onEvent: (listener) => bridge.onEvent(listener) };
}
