/**
 * Turns the bytes of an uploaded CSV into text. Spreadsheets save either UTF-8 (often with a BOM)
 * or Windows-1252 ("CSV (séparateur : point-virgule)" in a French Excel): anything that is not
 * valid UTF-8 is read as Windows-1252, which cannot fail.
 */
export type TextEncodingName = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  hadBom: boolean;
}

/*
 * Node ≥ 20.18.3 decodes 'windows-1252' as Latin-1 (nodejs/node#60888): bytes 0x80–0x9F come out as
 * C1 control characters instead of €, ’, œ… We map them per the WHATWG table; on a fixed runtime
 * the decoder already returns these characters and the mapping finds nothing to replace.
 */
const C1_TO_WINDOWS_1252: Record<number, string> = {
  0x80: '\u20AC', 0x82: '\u201A', 0x83: '\u0192', 0x84: '\u201E', 0x85: '\u2026', 0x86: '\u2020', 0x87: '\u2021',
  0x88: '\u02C6', 0x89: '\u2030', 0x8a: '\u0160', 0x8b: '\u2039', 0x8c: '\u0152', 0x8e: '\u017D',
  0x91: '\u2018', 0x92: '\u2019', 0x93: '\u201C', 0x94: '\u201D', 0x95: '\u2022', 0x96: '\u2013', 0x97: '\u2014',
  0x98: '\u02DC', 0x99: '\u2122', 0x9a: '\u0161', 0x9b: '\u203A', 0x9c: '\u0153', 0x9e: '\u017E', 0x9f: '\u0178',
};
const C1_RANGE = /[\u0080-\u009F]/g;

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(C1_RANGE, (c) => C1_TO_WINDOWS_1252[c.charCodeAt(0)] ?? c);
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // fatal: an invalid sequence throws instead of producing U+FFFD; the BOM is dropped by default.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8', hadBom };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', hadBom: false };
  }
}

/** The contract sends files as base64 so Windows-1252 bytes arrive intact. */
export function decodeBase64Csv(contentBase64: string): DecodedText {
  return decodeCsvBytes(Buffer.from(contentBase64, 'base64'));
}
