import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appVersion, createCore, type Core } from '../../app';
import { getDevice, listOutbox } from '../../repositories/sync';
import { enrolDevice, readSyncMode, rotateKey, runPassAndRecord } from '../../services/sync';
import { parsePeriodKey, periodLabel } from '../../sync/period';
import { obtainPassphrase } from '../passphrase';

export const enrolUsage = 'jalons enrol --db FICHIER --hub URL --code CODE [--label NOM]';
export const syncUsage = 'jalons sync --db FICHIER [--rotate-key]';

async function openCore(dbFile: string): Promise<Core> {
  const core = createCore({ databaseFile: resolve(dbFile), host: 'browser-host', logError: () => undefined });
  try {
    await core.vault.unlock({ passphrase: await obtainPassphrase('Phrase de passe : ') });
  } catch (error) {
    core.close();
    throw error;
  }
  return core;
}

function labelOf(period: string, revision: number): string {
  const p = parsePeriodKey(period);
  return `${p ? periodLabel(p) : period} (révision ${revision})`;
}

/** Enrols this database with the regional hub using a one-time code. */
export async function enrolCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, hub: { type: 'string' }, code: { type: 'string' }, label: { type: 'string' } },
    strict: true,
  });
  if (!values.db || !values.hub || !values.code) {
    process.stderr.write(`Indiquez la base, l’adresse du siège et le code : ${enrolUsage}\n`);
    return 2;
  }
  const core = await openCore(values.db);
  try {
    const status = await enrolDevice(core.ctx, { hubUrl: values.hub, code: values.code, deviceLabel: values.label ?? 'Jalons (ligne de commande)' }, appVersion());
    const enrolment = status.enrolment!;
    process.stdout.write(`OK poste inscrit auprès du siège régional (${enrolment.structureName}, région ${enrolment.regionCode}) ; identifiant du poste ${enrolment.deviceId}.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`ÉCHEC inscription : ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    core.close();
  }
}

/** One sync pass; prints what was acknowledged, refused or left waiting. Exit 0 when nothing was refused. */
export async function syncCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, 'rotate-key': { type: 'boolean' } }, strict: true });
  if (!values.db) {
    process.stderr.write(`Indiquez la base de données : ${syncUsage}\n`);
    return 2;
  }
  const core = await openCore(values.db);
  try {
    const db = core.ctx.db();
    if (!(await getDevice(db))) {
      process.stderr.write(`ÉCHEC : cette base n’est pas inscrite auprès du siège régional (${enrolUsage}).\n`);
      return 1;
    }
    if ((await readSyncMode(db)) === 'desactive') {
      process.stderr.write('ÉCHEC : la synchronisation est désactivée pour cette base (écran Synchronisation).\n');
      return 1;
    }
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (values['rotate-key'] === true) {
      // The new key first: the pass below then signs with it (or waits for the rotation to finish).
      const rotation = await rotateKey(core.ctx);
      out(`${rotation.rotated ? 'Clé changée' : 'Clé non changée'} : ${rotation.message}`);
    }
    const result = await runPassAndRecord(core.ctx, { force: true });
    for (const id of result.enqueued) out(`Mis en file : ${id}`);
    for (const id of result.reconciledAcked) out(`Accusé de réception retrouvé au siège : ${id}`);
    for (const id of result.requeued) out(`Absent du siège, renvoyé à l’identique : ${id}`);
    for (const a of result.acked) out(`Envoyé, accusé de réception vérifié : ${labelOf(a.period, a.revision)}`);
    for (const r of result.refused) out(`Refusé : ${labelOf(r.period, r.revision)} — ${r.message ?? ''}`);
    for (const r of result.retrying) out(`En attente : ${labelOf(r.period, r.revision)} — ${r.message ?? ''}`);
    if (result.status === 'reenrol_required') out('Ré-enrôlement requis : inscrivez de nouveau ce poste (jalons enrol).');
    const rows = await listOutbox(db);
    const pending = rows.filter((r) => r.state === 'pending' || r.state === 'sending').length;
    const acked = rows.filter((r) => r.state === 'acked').length;
    const refused = rows.filter((r) => r.state === 'rejected').length;
    const online = result.online === false ? 'hors ligne' : result.online === true ? 'siège joignable' : 'siège non contacté';
    out(`Bilan : ${acked} accusé(s) de réception, ${pending} en attente, ${refused} refusé(s) — ${online}.`);
    return result.refused.length === 0 ? 0 : 1;
  } catch (error) {
    process.stderr.write(`ÉCHEC synchronisation : ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    core.close();
  }
}
