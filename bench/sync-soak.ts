// Y1 soak: kills the sync pass at every protocol step and a key rotation at each of its steps, RUNS times per kill point (default 100),
// against the real hub on 127.0.0.1, and checks after each restart that the hub holds exactly the
// last revision per period, once, and that the outbox is fully acknowledged.
// Run: npm run soak:sync [-- RUNS]   (CI runs 3 per kill point in test/electron/core/sync/integration.test.ts)
// Then the Y13 model against the real hub (JALONS_SYNC_MODEL_RUNS sequences, default 500).
import type { StatsPeriod } from '../shared/indicators/period';
import { findDevice } from '../server/repositories/devices';
import { KILL_POINTS, ROTATION_KILL_POINTS, crashAndHeal, rotationCrashAndHeal } from '../test/electron/core/sync/crash-harness';
import { Laptop } from '../test/electron/core/sync/laptop';
import { checkRealHubModel } from '../test/electron/core/sync/real-hub-model';
import { startRealHub } from '../test/electron/core/sync/real-hub';
import { tempDir } from '../test/helpers/fixtures';

const RUNS = Number(process.argv[2] ?? 100);
const PERIODS: StatsPeriod[] = [1, 2, 3, 4].map((index) => ({ kind: 'quarter', year: 2025, index }));

const hub = await startRealHub();
const temp = tempDir();
let failures = 0;
const started = performance.now();
try {
  const laptop = new Laptop(temp.dir);
  await laptop.setUp();
  await laptop.enrol(hub.url, await hub.issueCode('Structure du test d’endurance'));
  laptop.close();
  let n = 0;
  for (const point of KILL_POINTS) {
    const t = performance.now();
    for (let run = 1; run <= RUNS; run++) {
      // Alternate between healing in this process and in a fresh child process.
      const { problems } = await crashAndHeal(laptop, hub, point, PERIODS[n++ % PERIODS.length]!, { healInChild: run % 2 === 0 });
      laptop.close();
      if (problems.length > 0) {
        failures++;
        process.stdout.write(`ÉCHEC ${point} essai ${run} : ${problems.join(' ; ')}\n`);
      }
    }
    process.stdout.write(`${point} : ${RUNS} arrêts brutaux, ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  // Key rotation killed at each of its steps (a new key per run).
  const hubKey = async (deviceId: string) => (await findDevice(hub.context().db, deviceId))?.public_key;
  for (const point of ROTATION_KILL_POINTS) {
    const t = performance.now();
    for (let run = 1; run <= RUNS; run++) {
      const { problems } = await rotationCrashAndHeal(laptop, hub, point, PERIODS[n++ % PERIODS.length]!, hubKey);
      laptop.close();
      if (problems.length > 0) {
        failures++;
        process.stdout.write(`ÉCHEC ${point} essai ${run} : ${problems.join(' ; ')}\n`);
      }
    }
    process.stdout.write(`${point} : ${RUNS} arrêts brutaux, ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const held = await hub.held(await laptop.structureId());
  laptop.close();
  process.stdout.write(
    `${failures === 0 ? 'OK' : 'ÉCHEC'} ${(KILL_POINTS.length + ROTATION_KILL_POINTS.length) * RUNS} arrêts brutaux, ${failures} écart(s) ; le siège détient ${held.length} lots ` +
      `(${held.filter((h) => h.status === 'current').length} courants) en ${((performance.now() - started) / 1000).toFixed(0)} s.\n`,
  );
} finally {
  await hub.stop();
  temp.cleanup();
}

// Y13 against the real hub: the model-based test of test/electron/core/sync/real-hub-model.test.ts
// with many more random sequences (JALONS_SYNC_MODEL_RUNS, default 500; 0 skips it).
const MODEL_RUNS = Number(process.env.JALONS_SYNC_MODEL_RUNS ?? 500);
if (MODEL_RUNS > 0) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  try {
    await checkRealHubModel({ numRuns: MODEL_RUNS });
    process.stdout.write(`OK modèle Y13 : ${MODEL_RUNS} séquences aléatoires convergent`);
  } catch (error) {
    failures++;
    process.stdout.write(`ÉCHEC modèle Y13 : ${error instanceof Error ? error.message : String(error)}\n`);
  }
  const used = process.cpuUsage(cpu);
  process.stdout.write(` (${((performance.now() - t) / 1000).toFixed(1)} s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s)\n`);
}
process.exitCode = failures === 0 ? 0 : 1;
