import { z } from 'zod';
import { method, Nothing } from './common-method';

/** Form drafts live in the encrypted store: browser storage would leave personal data in clear on disk. */
const DraftKey = z.string().min(1).max(200).regex(/^[\w.:-]+$/);

export const draftsContract = {
  'drafts.get': method(z.object({ key: DraftKey }).strict(), z.object({ value: z.unknown(), updatedAt: z.string() }).nullable()),
  'drafts.save': method(z.object({ key: DraftKey, value: z.unknown() }).strict(), Nothing),
  'drafts.delete': method(z.object({ key: DraftKey }).strict(), Nothing),
} as const;
