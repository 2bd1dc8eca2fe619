/** 20 MB, the contract's limit for a CSV file (sent as base64 so Windows-1252 bytes arrive untouched). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** Reads a picked file as bytes and encodes them in base64, in chunks (no stack overflow on large files). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const chunk = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
