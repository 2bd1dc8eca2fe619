import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/ipc/errors';
import type { Migration } from '../../../migrations/types';

export function schemaVersionOf(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertMonotonic(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i += 1) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(`Migrations out of order at ${migrations[i]!.name}`);
    }
  }
}

/** The migrations `migrate` would apply to a store at schema `from` (none when the store is newer). */
export function pendingMigrations(migrations: readonly Migration[], from: number, upTo?: number): readonly Migration[] {
  const target = upTo ?? migrations[migrations.length - 1]?.version ?? 0;
  return migrations.filter((m) => m.version > from && m.version <= target);
}

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Applies every pending migration in ONE transaction: either the database moves to the latest
 * version or it stays exactly as it was. A database written by a newer Jalons is refused.
 */
export function migrate(db: Database, migrations: readonly Migration[], upTo?: number): MigrationResult {
  assertMonotonic(migrations);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const from = schemaVersionOf(db);
  if (from > latest) {
    throw new AppError(
      'TOO_NEW',
      `Cette base de données a été créée par une version plus récente de Jalons (schéma ${from}, cette version connaît ${latest}). Installez la dernière version de Jalons.`,
    );
  }
  const target = upTo ?? latest;
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from, applied: [] };
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
  return { from, to: pending[pending.length - 1]!.version, applied: pending.map((m) => `${m.version}-${m.name}`) };
}
