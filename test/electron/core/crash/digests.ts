import { createHash } from 'node:crypto';

/*
 * The content digests of the crash test: the writer digests what it sent, the verifier digests what it reads
 * back through the services, over the same fields in the same order. Equal digests = the write is intact.
 */

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 20);
}

export interface IdentityFields {
  lastName: string;
  firstName: string;
  sex: string | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  qpv: boolean;
  entryDate: string | null;
}

export function identityDigest(i: IdentityFields): string {
  return digest([i.lastName, i.firstName, i.sex, i.birthDate, i.phone, i.email, i.qpv, i.entryDate]);
}

export function contractDigest(c: { kind: string; siaeKind: string; startDate: string; endDate: string | null; weeklyHours: number | null }): string {
  return digest([c.kind, c.siaeKind, c.startDate, c.endDate, c.weeklyHours]);
}

export function freinDigest(f: { kind: string; identifiedDate: string }): string {
  return digest([f.kind, f.identifiedDate]);
}

export function entretienDigest(e: {
  kind: string;
  date: string;
  startTime: string | null;
  objectives: ReadonlyArray<{ text: string; deadline: string | null }>;
  documents: ReadonlyArray<{ label: string; direction: string }>;
}): string {
  return digest([
    e.kind,
    e.date,
    e.startTime,
    e.objectives.map((o) => [o.text, o.deadline]),
    e.documents.map((d) => [d.label, d.direction]),
  ]);
}
