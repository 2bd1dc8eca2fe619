import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../../../electron/core/import/csv';

describe('CSV parsing', () => {
  it('detects `;`, `,` and tab on the header line, even when data rows contain other separators', () => {
    expect(detectDelimiter('Nom;Prénom;Ville\nDurand, Jr;Léa;Lille')).toBe(';');
    expect(detectDelimiter('Nom,Prénom,Ville\n"Durand; Jr",Léa,Lille')).toBe(',');
    expect(detectDelimiter('Nom\tPrénom\tVille\nDurand\tLéa\tLille')).toBe('\t');
    // A separator inside a quoted header does not count.
    expect(detectDelimiter('"Nom; usuel",Prénom,Ville')).toBe(',');
  });

  it('parses quoted fields with separators, doubled quotes and line breaks, with CRLF or LF', () => {
    const text = 'Nom;Note;Ville\r\nDurand;"Dit ""Jo""; suivi\r\nrenforcé";Lille\r\nMartin;;Douai\n';
    const { records, delimiter } = parseCsv(text);
    expect(delimiter).toBe(';');
    expect(records.map((r) => r.fields)).toEqual([
      ['Nom', 'Note', 'Ville'],
      ['Durand', 'Dit "Jo"; suivi\r\nrenforcé', 'Lille'],
      ['Martin', '', 'Douai'],
    ]);
  });

  it('numbers rows as a spreadsheet does: a multi-line cell is one row, blank lines keep their number', () => {
    const text = 'Nom,Note\nA,"ligne 1\nligne 2"\n\nB,x\n';
    const { records } = parseCsv(text);
    expect(records.map((r) => [r.row, r.fields[0]])).toEqual([
      [1, 'Nom'],
      [2, 'A'],
      [4, 'B'],
    ]);
  });

  it('reports a quote that is never closed', () => {
    const { unclosedQuoteRow } = parseCsv('Nom;Note\nA;"pas fermé\nB;x\n');
    expect(unclosedQuoteRow).toBe(2);
  });

  it('keeps an empty last field and ignores the BOM', () => {
    const { records } = parseCsv('\uFEFFNom;Prénom;\nA;B;\n');
    expect(records[0]?.fields).toEqual(['Nom', 'Prénom', '']);
    expect(records[1]?.fields).toEqual(['A', 'B', '']);
  });
});
