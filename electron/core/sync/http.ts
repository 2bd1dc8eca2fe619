import { createHash, randomBytes } from 'node:crypto';
import {
  HUB_ERROR_CODES,
  SIGNED_REQUEST_HEADERS,
  signedRequestBase,
  type EnrolRequest,
  type HubErrorCode,
  type RotateKeyRequest,
} from '../../../shared/sync/protocol';
import { contentDigest, signText } from './crypto';

/**
 * The hub's HTTP API over the global `fetch` (Node 20), with a timeout on every call. It never
 * throws for transport problems: every call resolves to an outcome the engine can classify.
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type HubOutcome =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  | {
      readonly kind: 'hub_error';
      readonly status: number;
      readonly code: HubErrorCode | null;
      readonly message: string | null;
      /** `details.reason` of the refusal, when the hub gave one (e.g. outside_window). */
      readonly reason?: string;
      /** The hub's clock (HTTP Date header), when it sent one. */
      readonly hubDate?: Date;
    }
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
    return this.#signed('GET', `/v1/structures/${encodeURIComponent(structureId)}/bundles`, identity, created);
  }

  /** `GET /v1/catalog`: 304 (kind ok, body undefined) when `since` is still the hub's revision. */
  catalog(options: { since?: string | null; region: string }): Promise<HubOutcome> {
    const query = new URLSearchParams({ region: options.region, ...(options.since ? { since: options.since } : {}) });
    return this.#call('GET', `/v1/catalog?${query.toString()}`, {});
  }

  /** Key rotation, signed by the CURRENT key (`identity`); the signature covers the body's hash. */
  rotateKey(identity: SignedRequestIdentity, request: RotateKeyRequest, created: Date): Promise<HubOutcome> {
    return this.#signed('POST', `/v1/devices/${encodeURIComponent(identity.deviceId)}/rotate`, identity, created, JSON.stringify(request));
  }

  /**
   * A signed request (created + nonce + signature, body hash when there is a body). The laptop's
   * clock may be wrong by days (Y10): when the hub refuses `created` as outside its window, the
   * request is signed again once, with a new nonce, at the hub's time taken from its Date header.
   */
  async #signed(method: 'GET' | 'POST', path: string, identity: SignedRequestIdentity, created: Date, body?: string): Promise<HubOutcome> {
    const url = new URL(`${this.#base}${path}`);
    const bodySha256 = body === undefined ? undefined : createHash('sha256').update(body, 'utf8').digest('hex');
    const attempt = (at: Date) => {
      const createdValue = String(Math.floor(at.getTime() / 1000));
      const nonce = randomBytes(16).toString('base64url');
      const base = signedRequestBase(method, `${url.pathname}${url.search}`, createdValue, nonce, bodySha256);
      return this.#call(
        method,
        path,
        {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          [SIGNED_REQUEST_HEADERS.device]: identity.deviceId,
          [SIGNED_REQUEST_HEADERS.created]: createdValue,
          [SIGNED_REQUEST_HEADERS.nonce]: nonce,
          [SIGNED_REQUEST_HEADERS.signature]: signText(identity.privateKey, base),
        },
        body,
      );
    };
    const first = await attempt(created);
    if (first.kind === 'hub_error' && first.reason === 'outside_window' && first.hubDate !== undefined) return attempt(first.hubDate);
    return first;
  }

  async #call(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HubOutcome> {
    const first = await this.#callOnce(method, path, headers, body);
    // A keep-alive connection the hub closed meanwhile (it restarted) fails at once, before the hub read anything:
    // idempotent calls (GET, PUT of a bundle) are sent again once on a fresh connection rather than reported offline.
    if (first.kind === 'network' && !first.timeout && (method === 'GET' || method === 'PUT') && first.staleConnection) {
      return this.#callOnce(method, path, headers, body);
    }
    return first;
  }

  async #callOnce(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HubOutcome & { staleConnection?: boolean }> {
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
      return { kind: 'network', timeout: isTimeout(error), detail: describe(error), staleConnection: isStaleConnection(error) };
    }
    const json = parseJson(text);
    if (response.ok || response.status === 304) return { kind: 'ok', status: response.status, body: json };
    const dateHeader = response.headers.get('date');
    const hubDate = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
    return { kind: 'hub_error', status: response.status, ...hubErrorOf(json), ...(Number.isNaN(hubDate) ? {} : { hubDate: new Date(hubDate) }) };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function hubErrorOf(json: unknown): { code: HubErrorCode | null; message: string | null; reason?: string } {
  const error = typeof json === 'object' && json !== null ? (json as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return { code: null, message: null };
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  const reason = typeof details === 'object' && details !== null ? (details as { reason?: unknown }).reason : undefined;
  return {
    code: typeof code === 'string' && (HUB_ERROR_CODES as readonly string[]).includes(code) ? (code as HubErrorCode) : null,
    message: typeof message === 'string' ? message : null,
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}

/**
 * undici's error for a socket the other side closed ("other side closed"): what a pooled keep-alive connection
 * gives after the hub restarted. A plain reset (ECONNRESET) is left to the normal retry with backoff and to
 * reconciliation, like any cut.
 */
function isStaleConnection(error: unknown): boolean {
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return code === 'UND_ERR_SOCKET';
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
