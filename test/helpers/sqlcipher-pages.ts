import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/*
 * Decrypts a SQLCipher 4 file page by page with its raw key, to look at what the file really holds —
 * live rows, but also freed pages and stale page images in the WAL — the way someone with the key and
 * a hex editor would. Scanning the encrypted bytes would prove nothing: they never hold clear text.
 *
 * SQLCipher 4 with a raw 32-byte key (no KDF): each page is AES-256-CBC with a per-page IV stored in the
 * page's reserved tail (80 bytes: 16 IV + 64 HMAC); page 1 starts with the 16-byte file salt.
 */

const PAGE_SIZE = 4096;
const RESERVE = 80;
const WAL_HEADER = 32;
const WAL_FRAME_HEADER = 24;

function decryptPage(page: Buffer, key: Buffer, isFirst: boolean): Buffer {
  const start = isFirst ? 16 : 0;
  const iv = page.subarray(PAGE_SIZE - RESERVE, PAGE_SIZE - RESERVE + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(start, PAGE_SIZE - RESERVE)), decipher.final()]);
}

/** Clear text of every page of the database file. */
export function decryptDatabaseFile(file: string, key: Buffer): Buffer {
  const bytes = readFileSync(file);
  const pages: Buffer[] = [];
  for (let offset = 0; offset + PAGE_SIZE <= bytes.length; offset += PAGE_SIZE) {
    pages.push(decryptPage(bytes.subarray(offset, offset + PAGE_SIZE), key, offset === 0));
  }
  return Buffer.concat(pages);
}

/** Clear text of every frame of the WAL (empty when there is none). */
export function decryptWal(file: string, key: Buffer): Buffer {
  const wal = `${file}-wal`;
  if (!existsSync(wal)) return Buffer.alloc(0);
  const bytes = readFileSync(wal);
  const pages: Buffer[] = [];
  for (let offset = WAL_HEADER; offset + WAL_FRAME_HEADER + PAGE_SIZE <= bytes.length; offset += WAL_FRAME_HEADER + PAGE_SIZE) {
    const pageNumber = bytes.readUInt32BE(offset);
    const page = bytes.subarray(offset + WAL_FRAME_HEADER, offset + WAL_FRAME_HEADER + PAGE_SIZE);
    pages.push(decryptPage(page, key, pageNumber === 1));
  }
  return Buffer.concat(pages);
}

/** The strings found anywhere in the decrypted file or WAL (UTF-8). */
export function stringsFoundIn(file: string, key: Buffer, needles: readonly string[]): string[] {
  const clear = Buffer.concat([decryptDatabaseFile(file, key), decryptWal(file, key)]);
  return needles.filter((needle) => clear.includes(Buffer.from(needle, 'utf8')));
}
