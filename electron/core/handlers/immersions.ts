import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import {
  deleteImmersionById,
  getImmersion,
  linkEntretien,
  listImmersions,
  renewImmersion,
  saveImmersion,
  setImmersionStep,
  transitionImmersionStatus,
} from '../services/immersions';
import { exportBilan, saveBilan } from '../services/immersions-bilan';
import { createGrid, deleteEvaluationById, planEvaluations, saveEvaluation, saveGrid } from '../services/immersions-grid';

type ImmersionsMethods =
  | 'immersions.list'
  | 'immersions.get'
  | 'immersions.save'
  | 'immersions.transition'
  | 'immersions.renew'
  | 'immersions.setStep'
  | 'immersions.linkEntretien'
  | 'immersions.delete'
  | 'immersions.createGrid'
  | 'immersions.saveGrid'
  | 'immersions.planEvaluations'
  | 'immersions.saveEvaluation'
  | 'immersions.deleteEvaluation'
  | 'immersions.saveBilan'
  | 'immersions.exportBilan';

export function immersionsHandlers(ctx: ServiceContext): Pick<Handlers, ImmersionsMethods> {
  return {
    'immersions.list': (input) => listImmersions(ctx, input),
    'immersions.get': (input) => getImmersion(ctx, input),
    'immersions.save': (input) => saveImmersion(ctx, input),
    'immersions.transition': (input) => transitionImmersionStatus(ctx, input),
    'immersions.renew': (input) => renewImmersion(ctx, input.id),
    'immersions.setStep': (input) => setImmersionStep(ctx, input),
    'immersions.linkEntretien': (input) => linkEntretien(ctx, input),
    'immersions.delete': (input) => deleteImmersionById(ctx, input.id),
    'immersions.createGrid': (input) => createGrid(ctx, input),
    'immersions.saveGrid': (input) => saveGrid(ctx, input),
    'immersions.planEvaluations': (input) => planEvaluations(ctx, input.id),
    'immersions.saveEvaluation': (input) => saveEvaluation(ctx, input),
    'immersions.deleteEvaluation': (input) => deleteEvaluationById(ctx, input.id),
    'immersions.saveBilan': (input) => saveBilan(ctx, input),
    'immersions.exportBilan': (input) => exportBilan(ctx, input.id),
  };
}
