import { hubErrorMessages, type HubError, type HubErrorCode } from '../../shared/sync/protocol';

/** HTTP status of each refusal (design note C(b), HTTP API table). */
export const HUB_ERROR_STATUS: Record<HubErrorCode, number> = {
  bad_request: 400,
  payload_too_large: 413,
  rate_limited: 429,
  enrolment_code_invalid: 400,
  enrolment_code_used: 410,
  enrolment_code_expired: 410,
  bad_signature: 401,
  unknown_device: 401,
  device_revoked: 401,
  structure_mismatch: 403,
  in_flight: 409,
  revision_gap: 409,
  stale_revision: 409,
  idempotency_key_reused: 422,
  schema_unsupported: 422,
  policy_violation: 422,
  period_not_closed: 422,
  internal: 500,
  period_owned_by_other_device: 409,
  region_mismatch: 403,
  policy_below_minimum: 422,
};

/** A refusal: stable code, HTTP status, the protocol's French message, optional details (no personal data). */
export class HubFailure extends Error {
  override readonly name = 'HubFailure';
  readonly status: number;
  constructor(
    readonly code: HubErrorCode,
    readonly details?: unknown,
    /** Seconds, for 429 answers. */
    readonly retryAfter?: number,
  ) {
    super(hubErrorMessages[code]);
    this.status = HUB_ERROR_STATUS[code];
  }

  toBody(): HubError {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}
