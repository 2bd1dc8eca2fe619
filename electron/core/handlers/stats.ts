import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { aspReport, confirmStats, localStats, previewStats } from '../services/stats';

export function statsHandlers(ctx: ServiceContext): Pick<Handlers, 'stats.local' | 'stats.preview' | 'stats.confirm' | 'stats.aspReport'> {
  return {
    'stats.local': (input) => localStats(ctx, input),
    'stats.preview': (input) => previewStats(ctx, input),
    'stats.confirm': (input) => confirmStats(ctx, input),
    'stats.aspReport': (input) => aspReport(ctx, input),
  };
}
