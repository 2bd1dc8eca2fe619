import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../../../electron/core/import/decode';

/** "Nom;Prénom\nDurand;Hélène" as Excel saves it in France: Windows-1252. */
function windows1252(text: string): Uint8Array {
  const table: Record<string, number> = { '€': 0x80, '’': 0x92, 'œ': 0x9c, 'Œ': 0x8c };
  return Uint8Array.from([...text].map((c) => table[c] ?? c.charCodeAt(0)));
}

describe('CSV decoding', () => {
  it('reads UTF-8 as UTF-8', () => {
    const decoded = decodeCsvBytes(new TextEncoder().encode('Nom;Prénom\nDurand;Hélène\n'));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('Hélène');
    expect(decoded.hadBom).toBe(false);
  });

  it('drops the BOM of a UTF-8 file and says it was there', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Nom;Prénom\nDurand;Hélène')]);
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.hadBom).toBe(true);
    expect(decoded.text.startsWith('Nom')).toBe(true);
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8 (accents, €, curly apostrophe, œ)', () => {
    const decoded = decodeCsvBytes(windows1252('Nom;Prénom;Note\nDurand;Hélène;l’œuvre coûte 5 €\n'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('Hélène');
    expect(decoded.text).toContain('l’œuvre coûte 5 €');
  });
});
