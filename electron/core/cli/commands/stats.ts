import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { periodLabel, StatsPeriodSchema, type StatsPeriod } from '../../../../shared/indicators/period';
import { AppError } from '../../../../shared/ipc/errors';
import { createCore } from '../../app';
import { buildAndStoreBundle, localStats } from '../../services/stats';
import { obtainPassphrase } from '../passphrase';

export const statsUsage =
  'jalons stats --db FICHIER --period AAAA [--period-kind year|half|quarter] [--period-index N] --out ENVOI.json [--local-out COMPLET.json]';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/**
 * Builds the anonymised bundle of a period, stores it as the period's next revision (or finds
 * the identical stored one) and writes its canonical bytes to --out; --local-out gets the same
 * tables unsuppressed, for the structure's own use. Exit 0 when the disclosure audit passes
 * (tables withheld to make it pass are reported on stderr, in French).
 */
export async function statsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      period: { type: 'string' },
      'period-kind': { type: 'string' },
      'period-index': { type: 'string' },
      out: { type: 'string' },
      'local-out': { type: 'string' },
    },
    strict: true,
  });
  if (!values.db || !values.period || !values.out) {
    process.stderr.write(`Indiquez la base, l’année et le fichier d’envoi : ${statsUsage}\n`);
    return 2;
  }
  const parsed = StatsPeriodSchema.safeParse({
    kind: values['period-kind'] ?? 'year',
    year: Number(values.period),
    index: values['period-index'] === undefined ? 1 : Number(values['period-index']),
  });
  if (!parsed.success) {
    process.stderr.write(`Période invalide : ${parsed.error.issues.map((i) => i.message).join(' ')}\n`);
    return 2;
  }
  const period: StatsPeriod = parsed.data;
  const file = resolve(values.db);
  const core = createCore({ databaseFile: file, host: 'browser-host', logError: () => undefined });
  try {
    await core.vault.unlock({ passphrase: await obtainPassphrase('Phrase de passe : ') });
    process.stderr.write(`Calcul des statistiques — ${periodLabel(period)}…\n`);
    const { preview, confirmation } = await buildAndStoreBundle(core.ctx, period);
    writeFileSync(resolve(values.out), preview.bundleJson, 'utf8');
    if (values['local-out']) {
      const local = await localStats(core.ctx, { period });
      const tables = local.tables.map(({ cells, ...head }) => ({ ...head, cells: cells.map((c) => ({ coords: c.coords, value: c.value })) }));
      const full = { period: local.period, periodLabel: local.periodLabel, catalogueVersion: local.catalogueVersion, tables };
      writeFileSync(resolve(values['local-out']), `${JSON.stringify(full, null, 2)}\n`, 'utf8');
    }
    for (const w of preview.withheld) process.stderr.write(`Tableau non diffusé : « ${w.tableTitle} ». ${w.reason}\n`);
    for (const u of preview.unavailable) process.stderr.write(`Tableau absent : « ${u.title} ». ${u.reason}\n`);
    const passed = preview.audit.laptopPassed && preview.audit.hubPassed;
    const released = preview.tables.length - preview.withheld.length;
    process.stdout.write(
      `${passed ? 'OK' : 'ÉCHEC'} ${resolve(values.out)} : ${periodLabel(period)}, révision ${confirmation.revision}` +
        `${confirmation.created ? ' (nouvelle)' : ' (déjà enregistrée, identique)'}, ` +
        `${plural(released, 'tableau diffusé', 'tableaux diffusés')}, ${plural(preview.withheld.length, 'non diffusé', 'non diffusés')}, ` +
        `${plural(preview.hiddenCells.length, 'case masquée', 'cases masquées')} ; contrôle du siège régional : ${preview.audit.hubPassed ? 'conforme' : 'refusé'}.\n`,
    );
    return passed ? 0 : 1;
  } catch (error) {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`ÉCHEC ${file} : ${message}\n`);
    return 1;
  } finally {
    core.close();
  }
}
