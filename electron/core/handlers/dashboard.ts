import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { getDashboard } from '../services/dashboard';

export function dashboardHandlers(ctx: ServiceContext): Pick<Handlers, 'dashboard.get'> {
  return {
    'dashboard.get': (input) => getDashboard(ctx, input),
  };
}
