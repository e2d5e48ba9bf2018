import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Core } from '../../core/app.js';
import { IPC_CALL, IPC_EVENT, type DispatchResult } from '../../shared/contract/bridge.js';

/**
 * Electron: the dispatcher on one validated IPC channel. Only frames loaded from the
 * app's own origin may call it; everything else about a call is checked by the core.
 */
export function registerIpc(ipcMain: IpcMain, core: Core, trusted: (frameUrl: string) => boolean): () => void {
  const handler = async (event: IpcMainInvokeEvent, name: unknown, input: unknown, token: unknown): Promise<DispatchResult> => {
    const url = event.senderFrame?.url ?? '';
    if (!trusted(url)) return { ok: false, error: { code: 'forbidden', message: 'errors.forbidden', details: { reason: 'untrusted frame' } } };
    if (typeof name !== 'string' || (token !== null && typeof token !== 'string')) {
      return { ok: false, error: { code: 'validation', message: 'errors.validation', details: { issues: [{ path: 'ipc', message: 'bad call shape' }] } } };
    }
    return core.dispatch(name, input, { token, origin: 'ipc' });
  };
  ipcMain.handle(IPC_CALL, handler);
  return () => ipcMain.removeHandler(IPC_CALL);
}

/** Forwards core events to a window. */
export function forwardEvents(core: Core, contents: WebContents): () => void {
  return core.events.on((name, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT, name, payload);
  });
}
