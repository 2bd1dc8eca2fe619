import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { deleteDraft, getDraft, saveDraft } from '../services/drafts';

export function draftsHandlers(ctx: ServiceContext): Pick<Handlers, 'drafts.get' | 'drafts.save' | 'drafts.delete'> {
  return {
    'drafts.get': (input) => getDraft(ctx, input.key),
    'drafts.save': (input) => saveDraft(ctx, input.key, input.value),
    'drafts.delete': (input) => deleteDraft(ctx, input.key),
  };
}
