import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import {
  deleteEntretienById,
  getEntretien,
  listForSalarie,
  listOpenActionsView,
  markHeld,
  markMissed,
  moveEntretien,
  planPostHiring,
  saveEntretien,
} from '../services/entretiens';

type EntretiensMethods =
  | 'entretiens.get'
  | 'entretiens.listForSalarie'
  | 'entretiens.save'
  | 'entretiens.markHeld'
  | 'entretiens.markMissed'
  | 'entretiens.move'
  | 'entretiens.delete'
  | 'entretiens.planPostHiring'
  | 'actions.listOpen';

export function entretiensHandlers(ctx: ServiceContext): Pick<Handlers, EntretiensMethods> {
  return {
    'entretiens.get': (input) => getEntretien(ctx, input),
    'entretiens.listForSalarie': (input) => listForSalarie(ctx, input.salarieId),
    'entretiens.save': (input) => saveEntretien(ctx, input),
    'entretiens.markHeld': (input) => markHeld(ctx, input.id),
    'entretiens.markMissed': (input) => markMissed(ctx, input.id, input.reason),
    'entretiens.move': (input) => moveEntretien(ctx, input.id, input.date, input.startTime),
    'entretiens.delete': (input) => deleteEntretienById(ctx, input.id),
    'entretiens.planPostHiring': (input) => planPostHiring(ctx, input),
    'actions.listOpen': (input) => listOpenActionsView(ctx, input),
  };
}
