import { parentPort } from 'node:worker_threads';
import { aggregate, type FederationPolicy, type PreviousVintage, type StructureInput } from './aggregate';

/** One aggregation per message; answers with the serialisable part (no internals). */
parentPort?.on('message', (message: { id: number; inputs: StructureInput[]; policy: Partial<FederationPolicy>; previous?: PreviousVintage }) => {
  try {
    const { levels, droppedTables, audit } = aggregate(message.inputs, message.policy, message.previous);
    parentPort?.postMessage({ id: message.id, ok: true, result: { levels, droppedTables, audit } });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
