import { Worker } from 'node:worker_threads';
import { aggregate, type Aggregation, type FederationPolicy, type PreviousVintage, type StructureInput } from './aggregate';

/** What a report needs from an aggregation (serialisable: no internals). */
export type AggregationResult = Pick<Aggregation, 'levels' | 'droppedTables' | 'audit'>;

export type Aggregator = (
  inputs: readonly StructureInput[],
  policy: Partial<FederationPolicy>,
  previous?: PreviousVintage,
) => Promise<AggregationResult>;

/** In the calling thread: the CLI report and tests. */
export const inlineAggregator: Aggregator = async (inputs, policy, previous) => {
  const { levels, droppedTables, audit } = aggregate(inputs, policy, previous);
  return { levels, droppedTables, audit };
};

/**
 * In a worker thread, so a long aggregation (seconds for many regions) never stalls the API the
 * laptops are sending to. One worker, started on first use, requests queued by id.
 */
export function workerAggregator(script: URL = new URL('./aggregate-worker-bootstrap.mjs', import.meta.url)): Aggregator & { close(): Promise<void> } {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: AggregationResult) => void; reject: (e: Error) => void }>();
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker = undefined;
  };
  const ensure = (): Worker => {
    if (worker !== undefined) return worker;
    const w = new Worker(script);
    w.unref();
    w.on('message', (m: { id: number; ok: boolean; result?: AggregationResult; error?: string }) => {
      const p = pending.get(m.id);
      if (p === undefined) return;
      pending.delete(m.id);
      if (m.ok && m.result !== undefined) p.resolve(m.result);
      else p.reject(new Error(m.error ?? 'aggregation failed'));
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => failAll(new Error(`aggregation worker stopped (${code})`)));
    worker = w;
    return w;
  };
  const run = ((inputs: readonly StructureInput[], policy: Partial<FederationPolicy>, previous?: PreviousVintage) =>
    new Promise<AggregationResult>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ensure().postMessage({ id, inputs, policy, previous });
    })) as Aggregator & { close(): Promise<void> };
  run.close = async () => {
    const w = worker;
    worker = undefined;
    if (w !== undefined) await w.terminate();
  };
  return run;
}
