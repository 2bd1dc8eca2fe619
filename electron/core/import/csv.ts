/**
 * RFC 4180 CSV reader for what spreadsheets export: `;` (French Excel), `,` or tab delimiter,
 * CRLF / LF / CR line ends, quoted fields holding delimiters, doubled quotes and line breaks.
 */
export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvRecord {
  /**
   * 1-based row as a spreadsheet shows it (the header is row 1; a quoted field spanning several
   * physical lines stays one row), so a message "ligne 7" points at the row the user will fix.
   */
  row: number;
  fields: string[];
}

export interface ParsedCsv {
  delimiter: CsvDelimiter;
  records: CsvRecord[];
  /** Row where a quoted field opens and is never closed (the rest of the file was swallowed). */
  unclosedQuoteRow: number | null;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const CANDIDATES: readonly CsvDelimiter[] = [';', '\t', ','];

/** The delimiter that occurs most on the header line (outside quotes); `;` wins ties, as in France. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ';';
  for (const d of CANDIDATES) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

export function parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(input.replace(/^\uFEFF/, ''))): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let row = 1;
  let recordRow = 1;
  let i = 0;
  const n = text.length;
  let unclosedQuoteRow: number | null = null;

  const endRecord = () => {
    // A physically empty line is a blank spreadsheet row: it keeps its number but yields no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ row: recordRow, fields });
    fields = [];
  };

  while (i <= n) {
    if (i === n) {
      // End of input right after a line break: nothing pending.
      if (fields.length > 0) endRecord();
      break;
    }
    let code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Quoted field: runs to the next lone quote; "" is a literal quote.
      let value = '';
      let start = i + 1;
      let closed = false;
      let j = start;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === QUOTE) {
          if (text.charCodeAt(j + 1) === QUOTE) {
            value += text.slice(start, j + 1);
            j += 2;
            start = j;
            continue;
          }
          value += text.slice(start, j);
          closed = true;
          break;
        }
        j += 1;
      }
      if (!closed) {
        unclosedQuoteRow ??= recordRow;
        value += text.slice(start, n);
        fields.push(value);
        endRecord();
        break;
      }
      i = j + 1;
      // Lenient: text after the closing quote (`"abc"def`) is kept, as spreadsheets do.
      let tail = i;
      while (tail < n) {
        const c = text.charCodeAt(tail);
        if (c === sep || c === LF || c === CR) break;
        tail += 1;
      }
      if (tail > i) value += text.slice(i, tail);
      fields.push(value);
      i = tail;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === sep || c === LF || c === CR) break;
        j += 1;
      }
      fields.push(text.slice(i, j));
      i = j;
    }
    if (i >= n) {
      endRecord();
      break;
    }
    code = text.charCodeAt(i);
    if (code === sep) {
      i += 1;
      // A trailing delimiter at the very end means one more, empty, field.
      if (i === n) {
        fields.push('');
        endRecord();
        break;
      }
      continue;
    }
    // Line break (CRLF, LF or a lone CR).
    i += code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    endRecord();
    row += 1;
    recordRow = row;
  }
  return { delimiter, records, unclosedQuoteRow };
}
