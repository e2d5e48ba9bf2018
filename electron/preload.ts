import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, type DispatchResult, type LavkaBridge } from '../src/shared/contract/bridge.js';

/** The only thing the page gets: call a command, hear events. No Node, no ipcRenderer. */
const bridge: LavkaBridge = {
  call: (name, input, token) => ipcRenderer.invoke(IPC_CALL, name, input, token) as Promise<DispatchResult>,
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
};

contextBridge.exposeInMainWorld('lavka', bridge);
