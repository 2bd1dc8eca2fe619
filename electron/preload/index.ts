import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeApi } from '../../shared/ipc/contract';
import { METHOD_NAMES, channelOf } from '../../shared/ipc/method-names';

// Named functions only, one per contract method: the renderer never sees ipcRenderer or a free channel.
const api = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (input: unknown) => ipcRenderer.invoke(channelOf(method), input)]),
) as unknown as BridgeApi;

contextBridge.exposeInMainWorld('jalons', api);
