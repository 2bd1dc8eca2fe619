import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { getFiche } from '../services/fiche';
import {
  assignReferent,
  createSalarie,
  listCaseload,
  restoreSalarie,
  revealConfidential,
  softDeleteSalarie,
  updateIdentity,
  updateSituation,
} from '../services/salaries';

type SalariesMethods =
  | 'salaries.list'
  | 'salaries.get'
  | 'salaries.create'
  | 'salaries.updateIdentity'
  | 'salaries.assignReferent'
  | 'salaries.updateSituation'
  | 'salaries.delete'
  | 'salaries.restore'
  | 'salaries.revealConfidential';

export function salariesHandlers(ctx: ServiceContext): Pick<Handlers, SalariesMethods> {
  return {
    'salaries.list': (input) => listCaseload(ctx, input),
    'salaries.get': (input) => getFiche(ctx, input.id),
    'salaries.create': (input) => createSalarie(ctx, input),
    'salaries.updateIdentity': (input) => updateIdentity(ctx, input),
    'salaries.assignReferent': (input) => assignReferent(ctx, input),
    'salaries.updateSituation': (input) => updateSituation(ctx, input),
    'salaries.delete': (input) => softDeleteSalarie(ctx, input.id),
    'salaries.restore': (input) => restoreSalarie(ctx, input.id),
    'salaries.revealConfidential': (input) => revealConfidential(ctx, input.id),
  };
}
