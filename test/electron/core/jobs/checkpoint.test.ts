import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { call, type TestCore } from '../../../helpers/parcours';

function caseload(rows: number) {
  const lines = ['Nom;Prénom;Date de naissance;Date d’entrée'];
  for (let i = 0; i < rows; i += 1) lines.push(`Nom${i};Prénom${i};01/01/1990;02/02/2026`);
  return { fileName: 'salaries.csv', contentBase64: Buffer.from(lines.join('\r\n'), 'utf8').toString('base64') };
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

describe('what a job wrote, copied from the WAL into the database file', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(() => core.cleanup());

  it('is copied by the worker after it answered, not left for the CIP’s next save', async () => {
    const file = core.vault.store().sqlite.name;
    const before = statSync(file).size;
    const result = await call(core, 'import.salaries.commit', { ...caseload(3000), skipInvalidRows: false });
    expect(result.imported).toBe(3000);
    // The main thread writes nothing meanwhile: only the worker's checkpoint can grow the file.
    expect(await eventually(() => statSync(file).size > before + 1_000_000, 10_000)).toBe(true);
    const count = await core.ctx.db().selectFrom('salarie').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3000);
  });
});
