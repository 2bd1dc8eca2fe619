import { z } from 'zod';
import { Empty, method } from './define';

export const AppInfo = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  databaseFile: z.string(),
  /** Where the renderer talks to the core: the Electron bridge or the local browser host. */
  host: z.enum(['electron', 'browser-host']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appContract = {
  'app.info': method(Empty, AppInfo),
} as const;
