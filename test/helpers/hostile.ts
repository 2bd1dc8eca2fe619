import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { z } from 'zod';
import type { SqliteDatabase } from '../../electron/core/db/open';

/*
 * Hostile and bad input for fuzzing the IPC contract: malicious strings, oversized values, prototype
 * pollution, wrong types, non-finite numbers — alone, or in the leaves of an input shaped like the
 * method's own schema (right keys, wrong values) so the fuzz also reaches the services.
 */

export const MALICIOUS_STRINGS = [
  "'; DROP TABLE salarie; --",
  "' OR '1'='1",
  '" OR ""="',
  '%',
  '_',
  '\\',
  "x') UNION SELECT key, value FROM setting --",
  '</script><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u202Egnp.exe\u202C',
  '\u202B\u05E9\u05DC\u05D5\u05DD',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  '\uD800',
  '😀👩‍👩‍👧',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  'C:\\Windows\\System32',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  ' ',
  '\n\r\t',
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-13-01',
  '23:61',
  'K2204',
  'x'.repeat(100_000),
];

const BIG_ARRAY_LENGTH = 10_000;

/** `{a: {a: … }}` or `[[[ … ]]]`, built without recursion. */
export function deeplyNested(depth: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i += 1) value = kind === 'object' ? { a: value } : [value];
  return value;
}

export function prototypePolluted(base: unknown): unknown {
  const polluted = JSON.parse('{"__proto__": {"polluted": "oui"}, "constructor": {"prototype": {"polluted": "oui"}}}') as Record<string, unknown>;
  return base !== null && typeof base === 'object' && !Array.isArray(base) ? Object.assign(polluted, base) : polluted;
}

/** A value of any of the dangerous kinds, without regard to the schema. */
export function hostileValue(ids: readonly string[] = []): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308, 2 ** 53 + 1, -1, 0.5, true, false, '', [], {}),
    fc.constantFrom(...MALICIOUS_STRINGS),
    ...(ids.length > 0 ? [fc.constantFrom(...ids)] : []),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.double(),
    fc.integer(),
    fc.constantFrom<unknown>(
      // Deep enough to hurt a recursive walker; the fixed cases go to 10 000 (fast-check cannot print those).
      deeplyNested(300, 'object'),
      deeplyNested(300, 'array'),
      new Array<string>(BIG_ARRAY_LENGTH).fill('x'),
      prototypePolluted({}),
      { toString: 'x', valueOf: 'y', hasOwnProperty: 'z' },
    ),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

type Def = { type: string; [key: string]: unknown };
function defOf(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def;
}

/** Existing ids for the fuzz to aim at: by field name (`salarieId` → the salarié…), and all of them. */
export interface FuzzIds {
  all: readonly string[];
  byKey: Readonly<Record<string, readonly string[]>>;
}

/** Plausible strings by field name, so that shaped inputs are often valid and reach the services. */
function plausibleString(key: string, ids: FuzzIds): fc.Arbitrary<unknown> {
  const pick = (...values: string[]) => fc.constantFrom(...values);
  const own = ids.byKey[key];
  if (own && own.length > 0) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fc.constantFrom(...ids.all) });
  if (/(^id$|Id$)/.test(key) && ids.all.length > 0) return fc.constantFrom(...ids.all);
  if (/(date|Date|since|Since|deadline|On$|^from$|^to$)/.test(key)) return pick('2026-11-23', '2026-12-01', '2019-05-15', '2026-02-28', '2024-02-29', '9999-12-31', '0000-01-01');
  if (/(time|Time|^start$|^end$)/.test(key)) return pick('09:30', '14:00', '00:00', '23:59');
  if (/email/i.test(key)) return pick('a@b.fr', 'prenom.nom@exemple.fr');
  if (/phone/i.test(key)) return pick('06 12 34 56 78', '+33 6 12 34 56 78');
  if (/siret/i.test(key)) return pick('73282932000074', '');
  if (/communeInsee/.test(key)) return pick('59350', '2A004');
  if (/romeCode/.test(key)) return pick('K2204', 'A1203');
  if (/^number$/.test(key)) return pick('999991234567', '');
  if (/(passphrase|Passphrase)/.test(key)) return pick('une phrase de passe assez longue');
  if (/^key$/.test(key)) return pick('salarie:new', 'entretien:x', 'a.b-c');
  if (/contentBase64/.test(key)) {
    return pick(
      Buffer.from('Nom;Prénom;Date d’entrée\nDurand;Léa;05/01/2026\n').toString('base64'),
      Buffer.from('code_rome;libelle_rome\nK2204;Nettoyage\n').toString('base64'),
      '',
      '////',
    );
  }
  if (/fileName/i.test(key)) return pick('document.pdf', 'liste.csv', '../x.pdf');
  if (/hubUrl/.test(key)) return pick('https://siege.exemple.fr');
  if (/(regionCode|departementCode)/.test(key)) return pick('32', '59');
  return fc.oneof(fc.constantFrom(...MALICIOUS_STRINGS), fc.constantFrom('Dupont', 'Léa', 'Note'), fc.string({ maxLength: 12 }));
}

function plausibleNumber(key: string): fc.Arbitrary<unknown> {
  if (/year/i.test(key)) return fc.constantFrom(2025, 2026);
  if (/index/i.test(key)) return fc.constantFrom(1, 2);
  if (/weekday/.test(key)) return fc.integer({ min: 1, max: 7 });
  if (/offsetMonths/.test(key)) return fc.constantFrom(1, 3, 6);
  if (/^offset$/.test(key)) return fc.constantFrom(0, 10);
  if (/^limit$/.test(key)) return fc.constantFrom(1, 50);
  if (/[mM]inutes/.test(key)) return fc.constantFrom(30, 60, 15);
  return fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0.5, 1e308));
}

/**
 * Values shaped like the schema (its keys, enum options, plausible strings by field name), each leaf
 * sometimes (`hostileWeight` in 7) replaced with a hostile value, arrays sometimes 10 000 long,
 * objects sometimes polluted or with unknown keys. `hostileWeight` 0 gives mostly valid input
 * whose free texts are malicious strings.
 */
export function shapedLike(schema: z.ZodType, ids: FuzzIds, depth = 0, key = '', hostileWeight = 1): fc.Arbitrary<unknown> {
  const hostile = hostileValue(ids.all);
  if (depth > 6) return hostile;
  const def = defOf(schema);
  const inner = (child: unknown, childKey = key) => shapedLike(child as z.ZodType, ids, depth + 1, childKey, hostileWeight);
  const plausible = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'string':
        return plausibleString(key, ids);
      case 'number':
        return hostileWeight > 0
          ? fc.oneof({ weight: 3, arbitrary: plausibleNumber(key) }, { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53 + 1, -1) })
          : plausibleNumber(key);
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
      case 'array': {
        const element = inner(def.element);
        return hostileWeight > 0
          ? fc.oneof({ weight: 5, arbitrary: fc.array(element, { maxLength: 3 }) }, { weight: 1, arbitrary: element.map((e) => new Array<unknown>(BIG_ARRAY_LENGTH).fill(e)) })
          : fc.array(element, { maxLength: 2 });
      }
      case 'object': {
        const shape = def.shape as Record<string, z.ZodType>;
        const record = fc.record(Object.fromEntries(Object.entries(shape).map(([k, value]) => [k, inner(value, k)])), {
          requiredKeys: hostileWeight > 0 ? [] : Object.keys(shape),
        }) as fc.Arbitrary<Record<string, unknown>>;
        if (hostileWeight === 0) return record;
        return fc.oneof(
          { weight: 8, arbitrary: record },
          { weight: 1, arbitrary: record.map(prototypePolluted) },
          { weight: 1, arbitrary: fc.tuple(record, fc.constantFrom('inconnu', 'admin', '__proto__', 'constructor')).map(([r, k]) => ({ ...r, [k]: true })) },
        );
      }
      case 'union':
        return fc.oneof(...(def.options as z.ZodType[]).map((o) => inner(o)));
      case 'optional':
        return fc.oneof(fc.constant(undefined), inner(def.innerType));
      case 'nullable':
        return fc.oneof(fc.constant(null), inner(def.innerType));
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return fc.oneof(fc.constant(undefined), inner(def.innerType));
      case 'pipe':
        return inner(def.in);
      case 'record':
        return fc.dictionary(fc.string({ maxLength: 8 }), inner(def.valueType), { maxKeys: 3 });
      case 'literal':
        return fc.constantFrom(...(def.values as unknown[]));
      case 'unknown':
      case 'any':
        return hostile;
      default:
        return hostile;
    }
  })();
  return hostileWeight > 0 ? fc.oneof({ weight: 6, arbitrary: plausible }, { weight: hostileWeight, arbitrary: hostile }) : plausible;
}

/** Any input for a method: schema-shaped with hostile leaves, mostly valid with malicious texts, or anything at all. */
export function inputFor(schema: z.ZodType, ids: FuzzIds): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: shapedLike(schema, ids) },
    { weight: 3, arbitrary: shapedLike(schema, ids, 0, '', 0) },
    { weight: 1, arbitrary: hostileValue(ids.all) },
  );
}

const digestQueries = new WeakMap<SqliteDatabase, Array<{ name: string; rows: () => unknown[][] }>>();

/** SHA-256 of every row of every table: equal digests = nothing was written. */
export function databaseDigest(sqlite: SqliteDatabase): string {
  let queries = digestQueries.get(sqlite);
  if (!queries) {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    queries = tables.map(({ name }) => {
      const statement = sqlite.prepare(`SELECT * FROM "${name}" ORDER BY 1`).raw(true);
      return { name, rows: () => statement.all() as unknown[][] };
    });
    digestQueries.set(sqlite, queries);
  }
  const hash = createHash('sha256');
  for (const { name, rows } of queries) {
    hash.update(`\u0001${name}\u0001`);
    for (const row of rows()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/** A user-facing message: French, no English error words, no stack frame, no SQLite internals. */
export function technicalTextIn(message: string): string | null {
  if (message.trim() === '') return 'message vide';
  if (/Error|SQLITE|undefined|\bat [\w.<>$]+ \(|(^|\s)at\s|\bstack\b|TypeError|RangeError|\[object Object\]/.test(message)) return message;
  return null;
}
