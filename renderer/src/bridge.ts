import type { BridgeApi, MethodInput, MethodName, MethodOutput } from '../../shared/ipc/contract';
import type { Envelope, ErrorPayload } from '../../shared/ipc/errors';

/**
 * The ONLY module that talks to the core. In Electron the preload exposes `window.jalons`
 * (one named function per contract method); in the browser host we POST to /api/<method>
 * with the per-launch token. Everything above this file is identical in both.
 */
declare global {
  interface Window {
    jalons?: BridgeApi;
  }
}

export class BridgeError extends Error {
  readonly payload: ErrorPayload;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'BridgeError';
    this.payload = payload;
  }
}

const TOKEN_KEY = 'jalons.host-token';

/** Takes the token from `#token=…` once, keeps it for this tab only, and removes it from the address bar. */
function hostToken(): string {
  const match = /^#token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    window.history.replaceState(null, '', `${window.location.pathname}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Transport = (method: MethodName, input: unknown) => Promise<Envelope<unknown>>;

function electronTransport(api: BridgeApi): Transport {
  return (method, input) => (api[method] as (i: unknown) => Promise<Envelope<unknown>>)(input);
}

function httpTransport(): Transport {
  const token = hostToken();
  return async (method, input) => {
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-jalons-token': token },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Le serveur local Jalons ne répond pas. Relancez « jalons serve ».' },
      };
    }
    return (await response.json()) as Envelope<unknown>;
  };
}

const transport: Transport = window.jalons ? electronTransport(window.jalons) : httpTransport();

export const hostKind: 'electron' | 'browser-host' = window.jalons ? 'electron' : 'browser-host';

/** Calls a contract method and returns the envelope as is. */
export function callEnvelope<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Envelope<MethodOutput<M>>> {
  return transport(method, input) as Promise<Envelope<MethodOutput<M>>>;
}

/** Calls a contract method; resolves to the value or throws a BridgeError carrying the French message. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await callEnvelope(method, input);
  if (!envelope.ok) {
    if (envelope.error.code === 'LOCKED') lockListeners.forEach((listener) => listener());
    if (envelope.error.code === 'DISK_FULL' || envelope.error.code === 'READ_ONLY') storageListeners.forEach((listener) => listener());
    throw new BridgeError(envelope.error);
  }
  return envelope.value;
}

const lockListeners = new Set<() => void>();
/** Lets the session store react when the core says it is locked (e.g. locked from another window). */
export function onLocked(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

const storageListeners = new Set<() => void>();
/** Lets the session store learn that the core fell back to read-only mode (disk full, file not writable). */
export function onStorageFailure(listener: () => void): () => void {
  storageListeners.add(listener);
  return () => storageListeners.delete(listener);
}
