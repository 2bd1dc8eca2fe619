import type { Envelope } from '../../shared/ipc/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/ipc/contract';
import type { createTestCore } from './core';

export type TestCore = Awaited<ReturnType<typeof createTestCore>>;

/** Calls a contract method through the real dispatcher and returns its value (fails the test on an error envelope). */
export async function call<M extends MethodName>(core: TestCore, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = (await core.dispatch(method, input)) as Envelope<MethodOutput<M>>;
  if (!envelope.ok) throw new Error(`${method} a échoué : ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}

/** The error envelope of a call expected to fail. */
export async function callError(core: TestCore, method: MethodName, input: unknown) {
  const envelope = await core.dispatch(method, input);
  if (envelope.ok) throw new Error(`${method} aurait dû échouer`);
  return envelope.error;
}

export const BLANK_IDENTITY = {
  birthName: null,
  sex: null,
  birthDate: null,
  communeInsee: null,
  qpv: false,
  zrr: false,
  phone: null,
  email: null,
  confidentialNote: null,
} as const;

/** A salarié with only nom, prénom and entry date (plus any field given). */
export async function newSalarie(
  core: TestCore,
  fields: Partial<MethodInput<'salaries.create'>> & { lastName: string; firstName: string },
): Promise<string> {
  const { id } = await call(core, 'salaries.create', { ...BLANK_IDENTITY, entryDate: '2026-01-05', referentId: null, ...fields });
  return id;
}

export async function auditActions(core: TestCore): Promise<string[]> {
  const rows = await core.ctx.db().selectFrom('audit_log').select('action').orderBy('id').execute();
  return rows.map((r) => r.action);
}
