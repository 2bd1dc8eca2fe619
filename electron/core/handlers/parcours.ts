import type { Handlers } from '../ipc/dispatch';
import { removeAction, saveAction } from '../services/actions';
import type { ServiceContext } from '../services/context';
import { removeContract, saveContract } from '../services/contracts';
import { removeFormation, saveFormation } from '../services/formations';
import { addFreinAction, removeFrein, saveFrein, setFreinStatus } from '../services/freins';
import { addProlongation, addSuspension, removePeriod, savePass } from '../services/pass-iae';
import { saveProjet } from '../services/projet';
import { cancelSortie, recordFollowUp, saveSortie } from '../services/sortie';

type ParcoursMethods =
  | 'passIae.save'
  | 'passIae.addSuspension'
  | 'passIae.addProlongation'
  | 'passIae.removePeriod'
  | 'contracts.save'
  | 'contracts.delete'
  | 'freins.save'
  | 'freins.setStatus'
  | 'freins.addAction'
  | 'freins.delete'
  | 'projet.save'
  | 'formations.save'
  | 'formations.delete'
  | 'sortie.save'
  | 'sortie.cancel'
  | 'sortie.recordFollowUp'
  | 'actions.save'
  | 'actions.delete';

export function parcoursHandlers(ctx: ServiceContext): Pick<Handlers, ParcoursMethods> {
  return {
    'passIae.save': (input) => savePass(ctx, input),
    'passIae.addSuspension': (input) => addSuspension(ctx, input),
    'passIae.addProlongation': (input) => addProlongation(ctx, input),
    'passIae.removePeriod': (input) => removePeriod(ctx, input),
    'contracts.save': (input) => saveContract(ctx, input),
    'contracts.delete': (input) => removeContract(ctx, input.id),
    'freins.save': (input) => saveFrein(ctx, input),
    'freins.setStatus': (input) => setFreinStatus(ctx, input),
    'freins.addAction': (input) => addFreinAction(ctx, input),
    'freins.delete': (input) => removeFrein(ctx, input.id),
    'projet.save': (input) => saveProjet(ctx, input),
    'formations.save': (input) => saveFormation(ctx, input),
    'formations.delete': (input) => removeFormation(ctx, input.id),
    'sortie.save': (input) => saveSortie(ctx, input),
    'sortie.cancel': (input) => cancelSortie(ctx, input.salarieId),
    'sortie.recordFollowUp': (input) => recordFollowUp(ctx, input),
    'actions.save': (input) => saveAction(ctx, input),
    'actions.delete': (input) => removeAction(ctx, input.id),
  };
}
