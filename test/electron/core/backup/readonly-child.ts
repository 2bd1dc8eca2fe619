// Run as an unprivileged user (`runuser -u nobody`) against a data file it may read but not write:
// prints what the user would see, as one JSON line.
import { createCore } from '../../../../electron/core/app';
import { TEST_KDF } from '../../../helpers/fixtures';

const [file, passphrase] = process.argv.slice(2);
const core = createCore({ databaseFile: file!, host: 'browser-host', kdf: TEST_KDF, logError: () => undefined, automaticBackups: false });
const unlock = await core.dispatch('session.unlock', { passphrase });
const status = await core.dispatch('session.status', {});
const list = await core.dispatch('salaries.list', { status: 'tous' });
const create = await core.dispatch('salaries.create', {
  lastName: 'Nouvelle', firstName: 'Saisie', birthName: null, sex: null, birthDate: null, communeInsee: null,
  qpv: false, zrr: false, phone: null, email: null, confidentialNote: null, entryDate: '2026-11-23', referentId: null,
});
core.close();
process.stdout.write(`${JSON.stringify({ unlock, status, list, create })}\n`);
