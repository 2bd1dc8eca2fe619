import { randomBytes } from 'node:crypto';
import {
  HUB_ERROR_CODES,
  SIGNED_REQUEST_HEADERS,
  signedRequestBase,
  type EnrolRequest,
  type HubErrorCode,
} from '../../../shared/sync/protocol';
import { contentDigest, signText } from './crypto';

/**
 * The hub's HTTP API over the global `fetch` (Node 20), with a timeout on every call. It never
 * throws for transport problems: every call resolves to an outcome the engine can classify.
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type HubOutcome =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'hub_error'; readonly status: number; readonly code: HubErrorCode | null; readonly message: string | null }
  /** No HTTP answer at all: refused connection, reset, DNS, timeout. The laptop is "hors ligne". */
  | { readonly kind: 'network'; readonly timeout: boolean; readonly detail: string };

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface SignedRequestIdentity {
  readonly deviceId: string;
  readonly privateKey: string;
}

export class HubClient {
  readonly #base: string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;

  constructor(hubUrl: string, options: { fetch?: FetchLike; timeoutMs?: number } = {}) {
    this.#base = hubUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  enrol(request: EnrolRequest): Promise<HubOutcome> {
    return this.#call('POST', '/v1/enroll', { 'content-type': 'application/json' }, JSON.stringify(request));
  }

  /** The body is the stored envelope text, unchanged: the bytes the device signed. */
  putBundle(bundleId: string, envelopeText: string): Promise<HubOutcome> {
    return this.#call(
      'PUT',
      `/v1/bundles/${encodeURIComponent(bundleId)}`,
      {
        'content-type': 'application/json',
        'idempotency-key': bundleId,
        'content-digest': contentDigest(envelopeText),
      },
      envelopeText,
    );
  }

  /** Reconciliation: what the hub holds for the structure (a signed read). */
  heldBundles(structureId: string, identity: SignedRequestIdentity, created: Date): Promise<HubOutcome> {
    const path = `/v1/structures/${encodeURIComponent(structureId)}/bundles`;
    const url = new URL(`${this.#base}${path}`);
    const pathWithQuery = `${url.pathname}${url.search}`;
    const createdValue = String(Math.floor(created.getTime() / 1000));
    const nonce = randomBytes(16).toString('base64url');
    return this.#call('GET', path, {
      [SIGNED_REQUEST_HEADERS.device]: identity.deviceId,
      [SIGNED_REQUEST_HEADERS.created]: createdValue,
      [SIGNED_REQUEST_HEADERS.nonce]: nonce,
      [SIGNED_REQUEST_HEADERS.signature]: signText(identity.privateKey, signedRequestBase('GET', pathWithQuery, createdValue, nonce)),
    });
  }

  async #call(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HubOutcome> {
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers: { accept: 'application/json', ...headers },
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'error',
      });
      // The body is read under the same timeout: a hub that stalls mid-answer is "no answer".
      text = await response.text();
    } catch (error) {
      return { kind: 'network', timeout: isTimeout(error), detail: describe(error) };
    }
    const json = parseJson(text);
    if (response.ok) return { kind: 'ok', status: response.status, body: json };
    return { kind: 'hub_error', status: response.status, ...hubErrorOf(json) };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function hubErrorOf(json: unknown): { code: HubErrorCode | null; message: string | null } {
  const error = typeof json === 'object' && json !== null ? (json as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return { code: null, message: null };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' && (HUB_ERROR_CODES as readonly string[]).includes(code) ? (code as HubErrorCode) : null,
    message: typeof message === 'string' ? message : null,
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}
