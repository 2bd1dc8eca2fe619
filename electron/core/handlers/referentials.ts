import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { getCommune, searchCommunes, searchRome } from '../services/referentials';

export function referentialsHandlers(ctx: ServiceContext): Pick<Handlers, 'communes.search' | 'communes.get' | 'rome.search'> {
  return {
    'communes.search': (input) => searchCommunes(input.query, input.limit),
    'communes.get': (input) => getCommune(input.code),
    'rome.search': (input) => searchRome(ctx, input.query, input.limit),
  };
}
