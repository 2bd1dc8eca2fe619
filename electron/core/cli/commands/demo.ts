import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isSiaeKind } from '../../../../shared/domain/siae';
import { AppError } from '../../../../shared/ipc/errors';
import { createCore } from '../../app';
import { isoDate } from '../../clock';
import { generateDemo } from '../../demo/generate';
import { scaledDataset } from '../../demo/scale';
import { obtainPassphrase } from '../passphrase';

export const demoUsage =
  'jalons demo --db FICHIER --salaries N [--seed S] [--create] [--today AAAA-MM-JJ] [--kind ACI] [--departement 59]' +
  ' [--scale F] [--entretiens-per-salarie N] [--immersions-per-salarie N] [--freins-per-salarie N] [--referents N] [--partners N]';

/** "100000" → "100 000" (plain spaces: terminals and logs render them everywhere). */
function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * Fills an empty store with a realistic synthetic caseload (same seed and --today → same content).
 * Progress goes to stderr; stdout gets one summary line with the count and the rate.
 */
export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      salaries: { type: 'string' },
      seed: { type: 'string' },
      create: { type: 'boolean' },
      today: { type: 'string' },
      kind: { type: 'string' },
      departement: { type: 'string' },
      // --scale F: the benchmark's dataset × F (1 = 100 000 salariés, 1 000 000 entretiens…); the rates below override it.
      scale: { type: 'string' },
      'entretiens-per-salarie': { type: 'string' },
      'immersions-per-salarie': { type: 'string' },
      'freins-per-salarie': { type: 'string' },
      referents: { type: 'string' },
      partners: { type: 'string' },
    },
    strict: true,
  });
  if (!values.db || (!values.salaries && !values.scale)) {
    process.stderr.write(`Indiquez la base et le nombre de salariés : ${demoUsage}\n`);
    return 2;
  }
  const factor = values.scale === undefined ? null : Number(values.scale.replace(',', '.'));
  if (factor !== null && !(Number.isFinite(factor) && factor > 0 && factor <= 10)) {
    process.stderr.write(`Échelle invalide : ${values.scale} (un nombre entre 0 et 10, 1 = 100 000 salariés).\n`);
    return 2;
  }
  const preset = factor === null ? null : scaledDataset(factor);
  const salaries = values.salaries ? Number(values.salaries.replace(/[\s_]/g, '')) : (preset?.salaries ?? 0);
  if (!Number.isInteger(salaries) || salaries < 1) {
    process.stderr.write(`Nombre de salariés invalide : ${values.salaries}.\n`);
    return 2;
  }
  const rate = (name: 'entretiens-per-salarie' | 'immersions-per-salarie' | 'freins-per-salarie' | 'referents' | 'partners'): number | undefined => {
    const text = values[name];
    return text === undefined ? undefined : Number(text.replace(',', '.'));
  };
  const rates = {
    ...(preset ? preset.rates : {}),
    ...(rate('entretiens-per-salarie') !== undefined ? { entretiensPerSalarie: rate('entretiens-per-salarie') } : {}),
    ...(rate('immersions-per-salarie') !== undefined ? { immersionsPerSalarie: rate('immersions-per-salarie') } : {}),
    ...(rate('freins-per-salarie') !== undefined ? { freinsPerSalarie: rate('freins-per-salarie') } : {}),
    ...(rate('referents') !== undefined ? { referents: rate('referents') } : {}),
    ...(rate('partners') !== undefined ? { partners: rate('partners') } : {}),
  };
  const kind = values.kind?.toUpperCase() ?? 'ACI';
  if (!isSiaeKind(kind)) {
    process.stderr.write(`Type de SIAE inconnu : ${values.kind} (ACI, AI, EI, ETTI ou EITI).\n`);
    return 2;
  }
  // A numeric seed is used as is; any other text is hashed, so "--seed démo" works too.
  const seed = values.seed === undefined ? 1 : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const today = values.today ?? isoDate(new Date());

  const file = resolve(values.db);
  // No automatic backup: it would wait on the generation's long write transaction (and copy a half-filled store).
  const core = createCore({ databaseFile: file, host: 'browser-host', logError: () => undefined, automaticBackups: false });
  try {
    const passphrase = await obtainPassphrase('Phrase de passe : ');
    if (values.create) {
      if (existsSync(file)) {
        process.stderr.write(`ÉCHEC ${file} : le fichier existe déjà, --create refuse de l’écraser.\n`);
        return 1;
      }
      const { recoveryCode } = await core.vault.setup(passphrase);
      process.stderr.write(`Code de secours (à conserver hors de l’ordinateur) : ${recoveryCode}\n`);
    } else {
      await core.vault.unlock({ passphrase });
    }
    const started = performance.now();
    const result = await generateDemo(
      { store: core.vault.store(), clock: core.ctx.clock, actor: 'demo' },
      {
        salaries,
        seed,
        today,
        siaeKind: kind,
        departement: values.departement ?? null,
        ...rates,
        onProgress: (done, total) => process.stderr.write(`${formatCount(done)} / ${formatCount(total)} salariés…\n`),
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const what = `${result.siaeKind}, département ${result.departement}, graine ${String(seed)}, ${formatCount(result.rows)} lignes`;
    const rate = `${formatCount(result.salaries / seconds)} salariés/s (${formatCount(result.rows / seconds)} lignes/s)`;
    process.stdout.write(`OK ${formatCount(result.salaries)} salariés générés (${what}) en ${seconds.toFixed(1).replace('.', ',')} s, soit ${rate}.\n`);
    return 0;
  } catch (error) {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`ÉCHEC ${file} : ${message}\n`);
    return 1;
  } finally {
    core.close();
  }
}
