import { closeSync, existsSync, fsyncSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';

/** Flushes a file to the disk, so a rename that follows never publishes an empty or partial file after a power cut. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable. Not possible on Windows (directories cannot be opened): best effort. */
export function fsyncDirectory(path: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dirname(path), 'r');
    fsyncSync(fd);
  } catch {
    // Windows, or a file system that does not support it.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export function removeIfExists(path: string): void {
  if (existsSync(path)) unlinkSync(path);
}

/** Renames `from` to `to` when it exists (a data file's -wal / -shm companions). */
export function moveIfExists(from: string, to: string): void {
  if (existsSync(from)) renameSync(from, to);
}
