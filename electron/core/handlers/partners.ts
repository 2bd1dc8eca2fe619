import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { deletePartner, getPartner, listPartners, savePartner, searchPartnerContacts } from '../services/partners';

type PartnersMethods = 'partners.list' | 'partners.get' | 'partners.save' | 'partners.delete' | 'partners.searchContacts';

export function partnersHandlers(ctx: ServiceContext): Pick<Handlers, PartnersMethods> {
  return {
    'partners.list': (input) => listPartners(ctx, input),
    'partners.get': (input) => getPartner(ctx, input.id),
    'partners.save': (input) => savePartner(ctx, input),
    'partners.delete': (input) => deletePartner(ctx, input.id),
    'partners.searchContacts': (input) => searchPartnerContacts(ctx, input),
  };
}
