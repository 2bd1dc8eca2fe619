import { ipcMain } from 'electron';
import { METHOD_NAMES, channelOf } from '../../shared/ipc/method-names';
import type { Envelope } from '../../shared/ipc/errors';
import type { Dispatch } from '../core/ipc/dispatch';
import { isTrustedSender } from './policy';
import { printSenderToPdf } from './print';

/**
 * `handle()`: one ipcMain handler per contract method. Checks the sender frame, then hands over to
 * the core's dispatcher (zod input parsing, service call, `{ok, value} | {ok: false, error}` envelope).
 */
export function registerIpc(dispatch: Dispatch): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelOf(method), async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Appel refusé : origine inconnue.' } };
      }
      if (method === 'print.toPdf') {
        const name = (input as { suggestedFileName?: unknown } | null)?.suggestedFileName;
        const checked = await dispatch('print.toPdf', input);
        // The core validates the input (and the lock) and answers "browser only"; Electron does the real work.
        if (checked.ok || checked.error.code !== 'FORBIDDEN') return checked;
        return printSenderToPdf(event.sender, String(name));
      }
      return dispatch(method, input);
    });
  }
}
