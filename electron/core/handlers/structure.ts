import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { getStructure, listReferents, saveReferent, saveStructure } from '../services/structure';

export function structureHandlers(ctx: ServiceContext): Pick<Handlers, 'structure.get' | 'structure.save' | 'referents.list' | 'referents.save'> {
  return {
    'structure.get': () => getStructure(ctx),
    'structure.save': (input) => saveStructure(ctx, input),
    'referents.list': () => listReferents(ctx),
    'referents.save': (input) => saveReferent(ctx, input),
  };
}
