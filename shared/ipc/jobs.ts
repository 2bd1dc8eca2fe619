import { z } from 'zod';
import { Empty, method } from './common-method';

/** Progress of heavy work running in the background (import, statistics, backup), polled by the UI. */
export const JobProgress = z.object({
  id: z.number().int(),
  job: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  label: z.string(),
  startedAt: z.string(),
});

export const jobsContract = {
  'jobs.progress': method(Empty, z.array(JobProgress)),
} as const;
