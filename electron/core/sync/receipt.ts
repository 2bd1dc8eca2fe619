import { RECEIPT_FORMAT, SignedReceipt } from '../../../shared/sync/protocol';
import { canonicalJson } from '../../../shared/stats/index';
import { verifyText } from './crypto';

export interface ExpectedReceipt {
  readonly bundleId: string;
  readonly contentSha256: string;
  readonly structureId: string;
  readonly revision: number;
}

export type ReceiptCheck = { ok: true; receipt: SignedReceipt } | { ok: false; reason: string };

/**
 * A bundle is acknowledged only on a receipt signed by the hub key the device enrolled with, for
 * this very bundle and content: anything else (a proxy's page, another bundle's receipt, a forged
 * body) leaves the bundle pending.
 */
export function verifyReceipt(raw: unknown, expected: ExpectedReceipt, hubPublicKey: string): ReceiptCheck {
  const parsed = SignedReceipt.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'malformed receipt' };
  const { receipt, signature } = parsed.data;
  if (receipt.format !== RECEIPT_FORMAT) return { ok: false, reason: 'unknown receipt format' };
  if (!verifyText(hubPublicKey, canonicalJson(receipt), signature)) return { ok: false, reason: 'bad hub signature' };
  if (receipt.bundleId !== expected.bundleId) return { ok: false, reason: 'receipt for another bundle' };
  if (receipt.contentSha256 !== expected.contentSha256) return { ok: false, reason: 'content hash differs' };
  if (receipt.structureId !== expected.structureId) return { ok: false, reason: 'receipt for another structure' };
  if (receipt.revision !== expected.revision) return { ok: false, reason: 'receipt for another revision' };
  return { ok: true, receipt: parsed.data };
}
