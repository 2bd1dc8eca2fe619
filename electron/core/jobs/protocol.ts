/** Messages between the main thread and a job worker. */
export interface JobStart {
  type: 'start';
  job: string;
  payload: unknown;
  databaseFile: string;
  /** The raw database key, handed over in memory only (never written anywhere). */
  key: Uint8Array;
  actor: string;
  /** The caller's clock minus the real one, so a job sees the same "now" as its caller (fixed clocks in tests). */
  clockOffsetMs: number;
}

export type JobMessage =
  | { type: 'progress'; done: number; total: number | null; label: string }
  | { type: 'result'; value: unknown }
  | { type: 'error'; error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } };
