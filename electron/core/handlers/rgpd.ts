import type { Handlers } from '../ipc/dispatch';
import { listAuditLog } from '../services/audit-log';
import type { ServiceContext } from '../services/context';
import { applyRetention, exportSalarie, getRetention, reviewRetention, saveRetention } from '../services/rgpd';

type RgpdMethods = 'rgpd.export' | 'rgpd.getRetention' | 'rgpd.saveRetention' | 'rgpd.review' | 'rgpd.apply' | 'audit.list';

export function rgpdHandlers(ctx: ServiceContext): Pick<Handlers, RgpdMethods> {
  return {
    'rgpd.export': (input) => exportSalarie(ctx, input),
    'rgpd.getRetention': () => getRetention(ctx),
    'rgpd.saveRetention': (input) => saveRetention(ctx, input),
    'rgpd.review': () => reviewRetention(ctx),
    'rgpd.apply': (input) => applyRetention(ctx, input),
    'audit.list': (input) => listAuditLog(ctx, input),
  };
}
