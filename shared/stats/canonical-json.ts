/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes we hash and sign.
 *
 * - object members sorted by their names as arrays of UTF-16 code units (locale-independent);
 * - numbers in ECMAScript `Number.prototype.toString` form (what `JSON.stringify` emits), −0 as 0;
 * - strings escaped as `JSON.stringify` does (RFC 8785 §3.2.2.2 is defined by it);
 * - no whitespace.
 *
 * Input must be I-JSON (RFC 7493): non-finite numbers, lone surrogates, `undefined` inside
 * arrays, bigint, functions, symbols, non-plain objects and cycles are rejected rather than
 * silently rewritten — a signature over silently altered data would be worthless.
 * `undefined` object members are omitted, as `JSON.stringify` does.
 */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  return serialise(value, new Set(), '$');
}

function serialise(value: unknown, stack: Set<object>, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not a finite number`);
      return JSON.stringify(value);
    case 'string':
      return serialiseString(value, path);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} cannot be represented in JSON`);
  }
  const obj = value as object;
  if (stack.has(obj)) throw new CanonicalJsonError(`${path}: cyclic structure`);
  stack.add(obj);
  try {
    if (Array.isArray(obj)) {
      const items = (obj as readonly unknown[]).map((item, i) => {
        if (item === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined in an array`);
        return serialise(item, stack, `${path}[${i}]`);
      });
      return `[${items.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(obj) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new CanonicalJsonError(`${path}: only plain objects can be canonicalised`);
    }
    const record = obj as Record<string, unknown>;
    // Default string ordering compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks.
    const keys = Object.keys(record).sort();
    const members: string[] = [];
    for (const k of keys) {
      const v = record[k];
      if (v === undefined) continue;
      members.push(`${serialiseString(k, path)}:${serialise(v, stack, `${path}.${k}`)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    stack.delete(obj);
  }
}

function serialiseString(s: string, path: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new CanonicalJsonError(`${path}: lone surrogate in string`);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      throw new CanonicalJsonError(`${path}: lone surrogate in string`);
    }
  }
  return JSON.stringify(s);
}
