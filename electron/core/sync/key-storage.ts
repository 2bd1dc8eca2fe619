import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Y15 — where the device key may live. The design note keeps it in an OS secret store and refuses
 * Linux's `basic_text` fallback; Jalons keeps it inside the SQLCipher database instead (the same
 * protection as the case files). The equivalent refusal: never store it in a file that is not
 * encrypted (a plain SQLite file starts with its readable header) or in memory only.
 */
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export const KEY_STORAGE_REFUSAL =
  'Inscription refusée : la base de cet ordinateur n’est pas chiffrée, la clé de signature du poste n’y serait pas à l’abri. Utilisez la base chiffrée de Jalons.';

/** Null when the file can hold the key; the French reason otherwise. */
export function keyStorageProblem(databaseFile: string): string | null {
  if (databaseFile === '' || databaseFile === ':memory:') return KEY_STORAGE_REFUSAL;
  const head = Buffer.alloc(PLAIN_SQLITE_HEADER.length);
  let fd: number;
  try {
    fd = openSync(databaseFile, 'r');
  } catch {
    return KEY_STORAGE_REFUSAL;
  }
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    // An encrypted page 1 is random bytes from the start; an empty or plain file is refused.
    return n < head.length || head.equals(PLAIN_SQLITE_HEADER) ? KEY_STORAGE_REFUSAL : null;
  } finally {
    closeSync(fd);
  }
}
