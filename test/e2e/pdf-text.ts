import { inflateSync } from 'node:zlib';

/*
 * Just enough PDF reading to check what Chromium printed, without a PDF library: objects, Flate
 * streams, each font's ToUnicode CMap, and the text-showing operators (Tj, TJ) of each page's
 * content stream, decoded through the CMap of the font selected with Tf.
 */

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const streamAt = body.search(/\bstream\r?\n/);
    let dict = body;
    let stream: Buffer | null = null;
    if (streamAt >= 0) {
      dict = body.slice(0, streamAt);
      const dataStart = start + streamAt + (body.slice(streamAt).startsWith('stream\r\n') ? 8 : 7);
      const lengthMatch = /\/Length (\d+)(?! \d+ R)/.exec(dict);
      const dataEnd = lengthMatch ? dataStart + Number(lengthMatch[1]) : start + body.lastIndexOf('endstream');
      const raw = pdf.subarray(dataStart, dataEnd);
      stream = /\/FlateDecode/.test(dict) ? safeInflate(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
    header.lastIndex = end;
  }
  return objects;
}

function safeInflate(raw: Buffer): Buffer | null {
  try {
    return inflateSync(raw);
  } catch {
    return null;
  }
}

/** `<0003> <0041>` and `<0003> <0005> <0041>` (bfchar / bfrange) → glyph code to text. */
function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexToText = (hex: string) => {
    let out = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return out;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), hexToText(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      const first = parseInt(m[3]!, 16);
      for (let code = from; code <= to; code++) map.set(code, String.fromCharCode(first + code - from));
    }
  }
  return map;
}

function resolveDict(objects: Map<number, PdfObject>, value: string): string {
  const ref = /^\s*(\d+) 0 R/.exec(value);
  return ref ? (objects.get(Number(ref[1]))?.dict ?? '') : value;
}

/** The `/Font << /F1 5 0 R … >>` entries of a page's resources (inline or referenced). */
function pageFonts(objects: Map<number, PdfObject>, pageDict: string): Map<string, Map<number, string>> {
  const fonts = new Map<string, Map<number, string>>();
  const resourcesMatch = /\/Resources\s*(\d+ 0 R|<<[\s\S]*>>)/.exec(pageDict);
  const resources = resourcesMatch ? resolveDict(objects, resourcesMatch[1]!) : '';
  const fontMatch = /\/Font\s*(\d+ 0 R|<<[\s\S]*?>>)/.exec(resources);
  const fontDict = fontMatch ? resolveDict(objects, fontMatch[1]!) : '';
  for (const m of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
    const font = objects.get(Number(m[2]))?.dict ?? '';
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font);
    const stream = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : null;
    fonts.set(m[1]!, stream ? parseCMap(stream.toString('latin1')) : new Map());
  }
  return fonts;
}

function decodeString(token: string, cmap: Map<number, string>): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s/g, '');
    const width = cmap.size > 0 && [...cmap.keys()].some((k) => k > 0xff) ? 4 : hex.length % 4 === 0 ? 4 : 2;
    let out = '';
    for (let i = 0; i + width <= hex.length; i += width) {
      const code = parseInt(hex.slice(i, i + width), 16);
      out += cmap.get(code) ?? '';
    }
    return out;
  }
  // Literal string: (text) with escapes; single-byte codes.
  const body = token.slice(1, -1).replace(/\\([nrtbf()\\]|\d{1,3})/g, (_, e: string) => (/\d/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e === 'n' ? '\n' : e));
  return [...body].map((ch) => cmap.get(ch.charCodeAt(0)) ?? ch).join('');
}

function contentText(content: string, fonts: Map<string, Map<number, string>>): string {
  let cmap = new Map<number, string>();
  let out = '';
  let lineY: number | null = null;
  const tokens =
    /\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|[^\]])*)\]\s*TJ|(<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))\s*(?:Tj|'|")|(?:(-?[\d.]+)\s+(-?[\d.]+)\s+)?\b(T\*|Td|TD|Tm|ET)\b/g;
  for (const m of content.matchAll(tokens)) {
    if (m[1]) cmap = fonts.get(m[1]) ?? new Map();
    else if (m[2] !== undefined) {
      for (const part of m[2].matchAll(/<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|(-?[\d.]+)/g)) {
        // A large negative kerning inside TJ is a word space.
        if (part[1] !== undefined) out += Number(part[1]) < -200 ? ' ' : '';
        else out += decodeString(part[0], cmap);
      }
    } else if (m[3]) out += decodeString(m[3], cmap);
    else if (m[6]) {
      // Spaces are glyphs of their own: a horizontal move only continues the line (kerning, runs);
      // a vertical move or a new text object starts another line.
      const y = m[5] === undefined ? 0 : Number(m[5]);
      if (m[6] === 'Tm') {
        // Absolute position: same baseline means the same line (e.g. a ::first-letter run).
        if (lineY !== null && Math.abs(y - lineY) > 0.01) out += '\n';
        lineY = y;
      } else if (m[6] === 'ET' || m[6] === 'T*' || Math.abs(y) > 0.01) out += '\n';
    }
  }
  return out;
}

export interface PdfText {
  pages: number;
  text: string;
}

/** The text of every page, in drawing order; whitespace is approximate, words are intact. */
export function extractPdfText(pdf: Buffer): PdfText {
  const objects = readObjects(pdf);
  const pageDicts = [...objects.values()].filter((o) => /\/Type\s*\/Page\b(?!s)/.test(o.dict));
  let text = '';
  for (const page of pageDicts) {
    const fonts = pageFonts(objects, page.dict);
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '';
    for (const ref of contents.matchAll(/(\d+) 0 R/g)) {
      const stream = objects.get(Number(ref[1]))?.stream;
      if (stream) text += `${contentText(stream.toString('latin1'), fonts)}\n`;
    }
  }
  return { pages: pageDicts.length, text };
}

/** Folds ligatures (ﬁ, ﬀ) and runs of spaces so phrases can be searched for. */
export function normaliseSpaces(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0\u202f]+/g, ' ');
}
