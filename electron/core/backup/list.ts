import { existsSync, readdirSync, statSync } from 'node:fs';
import type { BackupInfo } from '../../../shared/ipc/backups';
import { keyFilePathFor } from '../vault/keyfile';
import { parseBackupName, pathIn } from './names';
import { compareNewestFirst } from './rotation';

/** This store's backups in a folder, newest first (other files, other stores' backups and partial copies are ignored). */
export function listBackups(folder: string, databaseFile: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupName(databaseFile, name);
    if (!parsed) continue;
    const path = pathIn(folder, name);
    let size: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      size = stat.size;
    } catch {
      continue; // removed meanwhile (rotation)
    }
    found.push({ ...parsed, sizeBytes: size, hasKeyFile: existsSync(keyFilePathFor(path)) });
  }
  return found.sort(compareNewestFirst);
}
