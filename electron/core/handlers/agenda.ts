import type { Handlers } from '../ipc/dispatch';
import { agendaRange, exportIcs } from '../services/agenda';
import type { ServiceContext } from '../services/context';

export function agendaHandlers(ctx: ServiceContext): Pick<Handlers, 'agenda.range' | 'agenda.exportIcs'> {
  return {
    'agenda.range': (input) => agendaRange(ctx, input),
    'agenda.exportIcs': (input) => exportIcs(ctx, input),
  };
}
