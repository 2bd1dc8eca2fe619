import { checkHealth } from '../db/open';
import { registerJob } from './registry';

/** Full integrity check: slow on a large store, so it runs off the main thread. */
registerJob('db.integrity', async (ctx) => {
  ctx.progress(0, 1, 'Vérification de l’intégrité');
  const report = checkHealth(ctx.store.sqlite);
  ctx.progress(1, 1, 'Vérification terminée');
  return report;
});
