// The child process of the crash test: a long stream of realistic writes through the real dispatcher, on the
// real encrypted file. Protocol on stdout, one line each (pipes are synchronous on Linux and a short line is
// written whole, so the parent never reads half an acknowledgement):
//   READY                        unlocked, about to write
//   W <key> <digest>             about to update <key> to this content (it may commit without an ack)
//   A <key> <digest>             committed: <key> must now exist with exactly this content
//   X <method> <code> <message>  a write the service refused (the parent fails the test on any)
// The parent SIGKILLs this process at a random moment.
import { createCore } from '../../../../electron/core/app';
import { FixedClock, TEST_KDF } from '../../../helpers/fixtures';
import { contractDigest, entretienDigest, freinDigest, identityDigest } from './digests';

const [file, seedText, passphrase] = process.argv.slice(2);
const core = createCore({ databaseFile: file!, host: 'browser-host', clock: new FixedClock(), kdf: TEST_KDF, logError: () => undefined, automaticBackups: false });
await core.vault.unlock({ passphrase: passphrase! });

let state = Number(seedText) >>> 0 || 1;
/** mulberry32: the same seed gives the same stream of writes. */
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');

const LAST = ['Martin', 'Benhamouda', 'Nguyen', 'Lefèvre', 'Diallo', 'Moreau', 'Da Silva', 'Kaya', 'Rousseau', 'Traoré'];
const FIRST = ['Léa', 'Mohamed', 'Chloé', 'Yanis', 'Inès', 'Kevin', 'Fatou', 'Jérôme', 'Aïcha', 'Marie-Thérèse'];
const FREINS = ['housing', 'mobility', 'driving_licence', 'finances', 'french_language', 'digital', 'childcare', 'administrative'] as const;

function emit(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function write(method: string, input: unknown): Promise<Record<string, unknown> | null> {
  const envelope = await core.dispatch(method, input);
  if (envelope.ok) return envelope.value as Record<string, unknown>;
  emit(`X ${method} ${envelope.error.code} ${envelope.error.message.replace(/\s+/g, ' ')}`);
  return null;
}

emit('READY');
for (let n = 0; ; n += 1) {
  const month = 1 + Math.floor(random() * 10);
  const entryDate = `2026-${pad(month)}-${pad(1 + Math.floor(random() * 28))}`;
  const identity = {
    lastName: `${pick(LAST)}-${seedText}-${n}`,
    firstName: pick(FIRST),
    birthName: null,
    sex: pick(['1', '2'] as const),
    birthDate: `${1970 + Math.floor(random() * 35)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`,
    communeInsee: null,
    qpv: random() < 0.3,
    zrr: false,
    phone: `06 ${pad(Math.floor(random() * 100))} ${pad(Math.floor(random() * 100))} ${pad(Math.floor(random() * 100))} ${pad(Math.floor(random() * 100))}`,
    email: random() < 0.5 ? `personne${n}@exemple.fr` : null,
  };
  const created = await write('salaries.create', { ...identity, confidentialNote: random() < 0.3 ? 'Suivi social en cours.'.repeat(20) : null, entryDate, referentId: null });
  if (!created) continue;
  const salarieId = String(created.id);
  emit(`A S:${salarieId} ${identityDigest({ ...identity, entryDate })}`);

  const contract = {
    kind: 'FIXED_TERM_I' as const,
    siaeKind: 'ACI' as const,
    startDate: entryDate,
    endDate: `2027-${pad(month)}-01`,
    weeklyHours: pick([20, 24, 26, 30, 35]),
  };
  const savedContract = await write('contracts.save', { salarieId, ...contract, annexeId: null, referentId: null });
  if (savedContract) emit(`A C:${salarieId}:${String(savedContract.id)} ${contractDigest(contract)}`);

  const frein = { kind: pick(FREINS), identifiedDate: entryDate };
  const savedFrein = await write('freins.save', { salarieId, ...frein, details: 'Situation à suivre.' });
  if (savedFrein) emit(`A F:${salarieId}:${String(savedFrein.id)} ${freinDigest(frein)}`);

  const entretien = {
    kind: 'suivi_individuel' as const,
    date: `2026-11-${pad(1 + Math.floor(random() * 20))}`,
    startTime: `${pad(8 + Math.floor(random() * 9))}:${pick(['00', '15', '30', '45'])}`,
    objectives: [{ text: `Objectif ${n} : ${pick(['CV', 'permis', 'logement', 'formation'])}`, deadline: '2026-12-31', conditions: null }],
    documents: [{ label: 'Attestation', direction: 'remis' as const }],
  };
  const savedEntretien = await write('entretiens.save', {
    salarieId,
    ...entretien,
    moment: 'parcours',
    status: 'tenu',
    durationMinutes: 45,
    placeKind: 'structure',
    participants: [{ role: 'salarie' }],
    notes: 'Échange sur les démarches de la semaine.',
  });
  if (savedEntretien) emit(`A E:${String(savedEntretien.id)} ${entretienDigest(entretien)}`);

  // An update: announced first, since it may commit and be killed before its acknowledgement.
  const changed = { ...identity, entryDate, phone: `07 ${pad(n % 100)} 00 00 ${pad(Math.floor(random() * 100))}` };
  emit(`W S:${salarieId} ${identityDigest(changed)}`);
  const { entryDate: _entry, ...identityOnly } = changed;
  const updated = await write('salaries.updateIdentity', { id: salarieId, identity: identityOnly });
  if (updated) emit(`A S:${salarieId} ${identityDigest(changed)}`);
}
