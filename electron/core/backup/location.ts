import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/*
 * The backup folder (setting `backup.folder`) is kept in a small JSON file beside the data file, not in the
 * encrypted database: it must be known exactly when the database cannot be read — locked, damaged, or about
 * to be migrated. It holds a path only, never personal data.
 */

const Settings = z.object({ 'backup.folder': z.string().min(1).optional() }).passthrough();

export function settingsFileFor(databaseFile: string): string {
  return `${databaseFile}.sauvegardes.json`;
}

/** `<userData>/sauvegardes` in Electron (the data file lives in userData), or beside the `--db` file. */
export function defaultBackupFolder(databaseFile: string): string {
  return join(dirname(resolve(databaseFile)), 'sauvegardes');
}

export interface BackupLocation {
  folder: string;
  isDefault: boolean;
}

export function backupLocation(databaseFile: string): BackupLocation {
  const path = settingsFileFor(databaseFile);
  if (existsSync(path)) {
    try {
      const parsed = Settings.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      const folder = parsed.success ? parsed.data['backup.folder'] : undefined;
      if (folder && isAbsolute(folder)) return { folder, isDefault: false };
    } catch {
      // An unreadable settings file must not prevent backups: fall back to the default folder.
    }
  }
  return { folder: defaultBackupFolder(databaseFile), isDefault: true };
}

/** Write-then-rename, like the key file: a crash leaves the old setting or the new one, never half a file. */
export function saveBackupFolder(databaseFile: string, folder: string): void {
  const path = settingsFileFor(databaseFile);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ 'backup.folder': folder }, null, 2)}\n`, { mode: 0o600 });
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
