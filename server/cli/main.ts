/**
 * `npx jalons hub …`: the regional hub's commands. Every command takes `--data DIR` (SQLite file
 * and receipt key) and optionally `--database-url postgres://…` (or JALONS_HUB_DATABASE_URL) to
 * keep the data in PostgreSQL instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { periodKey, type StatsPeriod } from '../../shared/indicators/period';
import { MAX_ENVELOPE_BYTES } from '../../shared/sync/protocol';
import { HubSchemaTooNewError } from '../db/migrate';
import { startHubServer } from '../http/app';
import { DASHBOARD_BASE } from '../http/dashboard';
import { hasAdminPassword, MIN_PASSWORD_LENGTH, setAdminPassword } from '../services/admin';
import { HubAdminError, issueEnrolmentCode, revokeDevice } from '../services/enrolment';
import { HubFailure } from '../services/errors';
import { workerAggregator } from '../services/aggregator';
import { openHub, type OpenedHub } from '../services/hub';
import { transferPeriod } from '../services/ownership';
import { parsePeriodKey } from '../services/periods';
import { buildReport, reportCsv } from '../services/report';
import { submitEnvelope } from '../services/submission';

export const hubUsage = 'jalons hub <serve|enrol-code|revoke|transfer-period|report|import|admin-password> --data DOSSIER …';

const USAGE = `Utilisation : jalons hub <commande> --data DOSSIER [--database-url postgres://…] [options]

  serve          [--port P] [--host 127.0.0.1] [--trust-proxy] [--secure-cookies auto|oui|non]
                 [--min-client-version 1.4.0]   version de Jalons exigée des postes (catalogue)
                 lance le serveur du siège (API des postes + tableau de bord ${DASHBOARD_BASE})
  enrol-code     --structure "NOM" --region CODE [--siae-kind ACI] [--hours 72]
                 crée la structure si besoin et affiche un code d’inscription à usage unique
  revoke         --device ID        révoque un poste
  transfer-period --structure ID|"NOM" --period 2026-Y1 --device ID
                 confie l’envoi d’une période de la structure à un autre de ses postes
  report         --period 2026 [--period-kind year|half|quarter] [--index N] [--region CODE]
                 [--out FICHIER] [--format json|csv]   indicateurs agrégés et protégés
  import         FICHIER [--receipt FICHIER]   reçoit un lot exporté hors ligne (même contrôle qu’en ligne)
  admin-password définit le mot de passe du tableau de bord (JALONS_HUB_PASSWORD ou saisie)

Les données sont dans DOSSIER (fichier SQLite et clé de signature des accusés de réception),
ou dans PostgreSQL avec --database-url (la clé reste dans DOSSIER).
`;

type Values = Record<string, string | boolean | undefined>;

const COMMON: NonNullable<ParseArgsConfig['options']> = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
};

function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals = false): { values: Values; positionals: string[] } {
  const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON, ...options }, strict: true, allowPositionals });
  return { values: values as Values, positionals };
}

function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

async function withHub<T>(values: Values, run: (hub: OpenedHub) => Promise<T>): Promise<T> {
  const dataDir = str(values, 'data');
  if (dataDir === undefined) throw new HubAdminError('Indiquez le dossier de données du siège : --data DOSSIER');
  const hub = await openHub({ dataDir, databaseUrl: str(values, 'database-url') ?? process.env.JALONS_HUB_DATABASE_URL });
  try {
    return await run(hub);
  } finally {
    await hub.close();
  }
}

const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`);

async function serve(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'secure-cookies': { type: 'string' },
    'min-client-version': { type: 'string' },
  });
  const port = Number(str(values, 'port') ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HubAdminError('Le port doit être un nombre entre 0 et 65535.');
  const secure = str(values, 'secure-cookies') ?? 'auto';
  if (!['auto', 'oui', 'non'].includes(secure)) throw new HubAdminError('--secure-cookies : auto, oui ou non.');
  const dataDir = str(values, 'data');
  if (dataDir === undefined) throw new HubAdminError('Indiquez le dossier de données du siège : --data DOSSIER');
  const minClientVersion = str(values, 'min-client-version') ?? null;
  if (minClientVersion !== null && !/^\d+(\.\d+){0,2}$/.test(minClientVersion)) throw new HubAdminError('--min-client-version : une version comme 1.4.0.');
  const aggregator = workerAggregator();
  const hub = await openHub({ dataDir, databaseUrl: str(values, 'database-url') ?? process.env.JALONS_HUB_DATABASE_URL, aggregator, minClientVersion });
  const server = await startHubServer({
    ctx: hub.ctx,
    host: str(values, 'host') ?? '127.0.0.1',
    port,
    trustProxy: values['trust-proxy'] === true,
    secureCookies: secure === 'auto' ? 'auto' : secure === 'oui',
  });
  // First line: the address (scripts and tests read it).
  out(server.url);
  err(`Serveur du siège : ${hub.database.description}, schéma ${hub.migration.to}. Tableau de bord : ${server.url}${DASHBOARD_BASE}`);
  if (!(await hasAdminPassword(hub.ctx))) err('Aucun mot de passe de tableau de bord : définissez-le avec « jalons hub admin-password ».');
  await new Promise<void>((done) => {
    const stop = () => {
      void server
        .close()
        .then(() => hub.close())
        .then(() => aggregator.close())
        .then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

async function enrolCode(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    structure: { type: 'string' },
    region: { type: 'string' },
    'siae-kind': { type: 'string' },
    hours: { type: 'string' },
  });
  const structureName = str(values, 'structure');
  const regionCode = str(values, 'region');
  if (structureName === undefined || regionCode === undefined) throw new HubAdminError('Indiquez --structure "NOM" et --region CODE.');
  const hours = str(values, 'hours');
  const issued = await withHub(values, (hub) =>
    issueEnrolmentCode(hub.ctx, { structureName, regionCode, siaeKind: str(values, 'siae-kind'), hours: hours === undefined ? undefined : Number(hours) }),
  );
  out(issued.code);
  out(`Structure : ${issued.structure.name} (${issued.structure.structure_id}), région ${issued.structure.region_code}${issued.structureCreated ? ' — créée' : ''}`);
  out(`Code à usage unique, valable jusqu’au ${new Date(issued.expiresAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} (heure de Paris).`);
  return 0;
}

async function revoke(argv: string[]): Promise<number> {
  const { values } = parse(argv, { device: { type: 'string' } });
  const device = str(values, 'device');
  if (device === undefined) throw new HubAdminError('Indiquez le poste : --device ID');
  await withHub(values, (hub) => revokeDevice(hub.ctx, device));
  out(`Poste ${device} révoqué : ses prochains envois seront refusés.`);
  return 0;
}

async function transferPeriodCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { structure: { type: 'string' }, period: { type: 'string' }, device: { type: 'string' } });
  const structure = str(values, 'structure');
  const period = str(values, 'period');
  const device = str(values, 'device');
  if (structure === undefined || period === undefined || device === undefined) {
    throw new HubAdminError('Indiquez --structure ID (ou "NOM"), --period 2026-Y1 et --device ID.');
  }
  const t = await withHub(values, (hub) => transferPeriod(hub.ctx, { structure, periodKey: period, deviceId: device }));
  out(`Période ${t.periodKey} de la structure ${t.structureId} confiée au poste ${t.to}${t.from === null ? '' : ` (auparavant ${t.from})`}.`);
  return 0;
}

export function periodFromArgs(period: string | undefined, kind: string | undefined, index: string | undefined): StatsPeriod {
  if (period === undefined) throw new HubAdminError('Indiquez la période : --period 2026 (ou 2026-H1, 2026-Q3).');
  const byKey = parsePeriodKey(period);
  if (byKey !== null) return byKey;
  const k = kind ?? 'year';
  if (!/^\d{4}$/.test(period) || !['year', 'half', 'quarter'].includes(k)) throw new HubAdminError(`Période invalide : ${period}`);
  const p: StatsPeriod = { kind: k as StatsPeriod['kind'], year: Number(period), index: Number(index ?? '1') };
  const parsed = parsePeriodKey(periodKey(p));
  if (parsed === null) throw new HubAdminError(`Période invalide : ${period} ${k} ${index ?? ''}`);
  return parsed;
}

async function report(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    period: { type: 'string' },
    'period-kind': { type: 'string' },
    index: { type: 'string' },
    region: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
  });
  const period = periodFromArgs(str(values, 'period'), str(values, 'period-kind'), str(values, 'index'));
  const file = str(values, 'out');
  const format = str(values, 'format') ?? (file?.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw new HubAdminError('--format : json ou csv.');
  const result = await withHub(values, (hub) => buildReport(hub.ctx, { period, region: str(values, 'region') }));
  const text = format === 'csv' ? reportCsv(result) : `${JSON.stringify(result, null, 2)}\n`;
  if (file === undefined) process.stdout.write(text);
  else {
    writeFileSync(file, text);
    const structures = result.levels[0]?.structures ?? 0;
    err(`Rapport ${result.periodLabel} écrit dans ${file} (${result.levels.length} niveau(x), ${structures} structure(s)${result.audit.passed ? '' : ', contrôle de confidentialité NON satisfait'}).`);
  }
  return result.audit.passed ? 0 : 1;
}

async function importEnvelope(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { receipt: { type: 'string' } }, true);
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) throw new HubAdminError('Indiquez un (seul) fichier de lot à importer.');
  const body = readFileSync(file);
  if (body.length > MAX_ENVELOPE_BYTES) throw new HubFailure('payload_too_large');
  const outcome = await withHub(values, (hub) => submitEnvelope(hub.ctx, { body, client: 'import' }));
  const r = outcome.receipt.receipt;
  out(
    outcome.status === 201
      ? `Lot ${r.bundleId} accepté : structure ${r.structureId}, révision ${r.revision}, accusé n° ${r.serverSeq}.`
      : `Lot ${r.bundleId} déjà reçu (accusé n° ${r.serverSeq}) : rien de changé.`,
  );
  const receiptFile = str(values, 'receipt');
  if (receiptFile !== undefined) {
    writeFileSync(receiptFile, outcome.receiptText);
    out(`Accusé de réception signé écrit dans ${receiptFile}.`);
  }
  return 0;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.JALONS_HUB_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new HubAdminError('Aucun mot de passe : définissez JALONS_HUB_PASSWORD ou lancez la commande dans un terminal.');
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const output = rl as unknown as { _writeToOutput: (s: string) => void };
      let muted = false;
      output._writeToOutput = (s: string) => {
        if (!muted) process.stdout.write(s);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  const first = await ask(`Nouveau mot de passe (${MIN_PASSWORD_LENGTH} caractères au moins) : `);
  const second = await ask('Confirmez : ');
  if (first !== second) throw new HubAdminError('Les deux saisies diffèrent.');
  return first;
}

async function adminPassword(argv: string[]): Promise<number> {
  const { values } = parse(argv, {});
  const password = await readPassword();
  await withHub(values, (hub) => setAdminPassword(hub.ctx, password));
  out('Mot de passe du tableau de bord enregistré ; les sessions ouvertes sont fermées.');
  return 0;
}

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  serve,
  'enrol-code': enrolCode,
  revoke,
  'transfer-period': transferPeriodCommand,
  report,
  import: importEnvelope,
  'admin-password': adminPassword,
};

export async function hubCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    err(`Commande inconnue : hub ${name}\n`);
    process.stdout.write(USAGE);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof HubFailure) {
      err(`Refusé (${error.code}) : ${error.message}`);
      return 1;
    }
    if (error instanceof HubAdminError || error instanceof HubSchemaTooNewError || (error instanceof TypeError && 'code' in error)) {
      err(error.message);
      return error instanceof HubAdminError || error instanceof HubSchemaTooNewError ? 1 : 2;
    }
    throw error;
  }
}
