// Soak of the crash test: 200 SIGKILLs at random moments during writes, each followed by a full integrity check
// and a check of every acknowledged write (the CI test does 20). Exit 1 on the first sign of loss or damage.
// Run: npm run soak:crash -- [kills] [seed] [--tsx]   (--tsx: start the writer through the tsx bootstrap, slower)
import { runCrashCampaign } from '../test/electron/core/crash/harness';
import { tempDir } from '../test/helpers/fixtures';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const kills = Number(args[0] ?? 200);
const seed = Number(args[1] ?? Date.now() % 1_000_000);
const writer = process.argv.includes('--tsx') ? 'tsx' : 'bundle';
const temp = tempDir();
process.stdout.write(`Test de coupure : ${kills} arrêts brutaux (SIGKILL), graine ${seed}, dossier ${temp.dir}\n`);
try {
  const report = await runCrashCampaign({
    dir: temp.dir,
    kills,
    seed,
    minDelayMs: 0,
    maxDelayMs: 1500,
    writer,
    onRound: (r) => {
      if (r.round % 10 === 0 || r.integrity !== 'ok') {
        process.stdout.write(`  ${String(r.round).padStart(4)} / ${kills} : ${r.acks} écritures confirmées ce tour, intégrité ${r.integrity}, vérifié en ${r.verifyMs} ms\n`);
      }
    },
  });
  const minutes = (report.durationMs / 60_000).toFixed(1).replace('.', ',');
  if (report.failures.length > 0) {
    process.stdout.write(`ÉCHEC : ${report.failures.length} problème(s) (graine ${seed}) :\n${report.failures.slice(0, 20).map((f) => `  ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `OK ${kills} arrêts brutaux, ${report.totalAcks} écritures confirmées, ${report.records} enregistrements vérifiés à la fin, intégrité « ok » à chaque réouverture (${minutes} min).\n`,
    );
  }
} finally {
  // Keep the store for inspection when something went wrong.
  if (process.exitCode !== 1) temp.cleanup();
}
