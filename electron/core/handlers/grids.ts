import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { duplicateTemplate, getTemplate, listTemplates, saveTemplate } from '../services/grids';

type GridsMethods = 'grids.listTemplates' | 'grids.getTemplate' | 'grids.saveTemplate' | 'grids.duplicateTemplate';

export function gridsHandlers(ctx: ServiceContext): Pick<Handlers, GridsMethods> {
  return {
    'grids.listTemplates': (input) => listTemplates(ctx, input),
    'grids.getTemplate': (input) => getTemplate(ctx, input),
    'grids.saveTemplate': (input) => saveTemplate(ctx, input),
    'grids.duplicateTemplate': (input) => duplicateTemplate(ctx, input),
  };
}
