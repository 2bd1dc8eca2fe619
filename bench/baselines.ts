// Raw baselines: for each measured operation, the best hand-written better-sqlite3 prepared statements
// reading the same data on the same connection (same page cache) — no contract validation, no Kysely,
// no service logic. The ratio real / baseline is the price of the layers and of the query shapes.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from '../electron/core/db/open';

type Statement = Database.Statement<unknown[]>;

const PREFIX_END = '\u{10FFFF}';

/** Statements prepared once per connection. */
export class Baselines {
  readonly #db: SqliteDatabase;
  readonly #cache = new Map<string, Statement>();

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  #st(sql: string): Statement {
    let st = this.#cache.get(sql);
    if (!st) {
      st = this.#db.prepare<unknown[]>(sql);
      this.#cache.set(sql, st);
    }
    return st;
  }

  /** What the alert rules read, for a set of salariés (one statement per table, ids as a JSON array). */
  alertInputs(ids: readonly string[]): number {
    const json = JSON.stringify(ids);
    const inIds = 'salarie_id IN (SELECT value FROM json_each(?))';
    let n = 0;
    n += this.#st(`SELECT * FROM pass_iae WHERE ${inIds}`).all(json).length;
    n += this.#st(`SELECT * FROM pass_iae_suspension WHERE ${inIds}`).all(json).length;
    n += this.#st(`SELECT * FROM pass_iae_prolongation WHERE ${inIds}`).all(json).length;
    n += this.#st(`SELECT id, salarie_id, kind, start_date, end_date FROM contract WHERE ${inIds}`).all(json).length;
    // Open freins with their latest action date (index frein_action_frein), in one statement.
    n += this.#st(
      `SELECT f.id, f.salarie_id, f.kind, f.status, f.identified_date, (SELECT max(fa.date) FROM frein_action fa WHERE fa.frein_id = f.id)
         FROM frein f WHERE ${inIds} AND status IN ('identified', 'in_progress')`,
    ).all(json).length;
    n += this.#st(`SELECT id, salarie_id, label, kind, due_date, done_date FROM action WHERE ${inIds} AND (done_date IS NULL OR kind = 'preparation_sortie')`).all(json).length;
    return n;
  }

  /**
   * One page of the caseload for a typed prefix (count + rows + the page's alert inputs). One pass counts and picks
   * the page from the token rows, which carry status and sort key (migration 0150), then only the page's rows are
   * read.
   */
  search(word: string, status: string, limit: number): { total: number; rows: number } {
    const rows = this.#st(
      `SELECT s.id, s.last_name, s.first_name, s.birth_date, s.status, s.entry_date, s.referent_id, s.siae_kind, s.pass_end, s.contract_end,
              s.last_entretien_date, s.planned_exit_date, s.exit_date, r.display_name AS referent_name, page.total
         FROM (SELECT id, search_key, count(*) OVER () AS total
                 FROM (SELECT DISTINCT salarie_id AS id, search_key FROM salarie_search_token
                        WHERE token >= $word AND token < $end AND live = 1 AND status = $status)
                ORDER BY search_key, id LIMIT $limit) page
         JOIN salarie s ON s.id = page.id LEFT JOIN referent r ON r.id = s.referent_id
        ORDER BY page.search_key, page.id`,
    ).all({ word, end: word + PREFIX_END, status, limit }) as { id: string; total: number }[];
    this.alertInputs(rows.map((r) => r.id));
    return { total: rows[0]?.total ?? 0, rows: rows.length };
  }

  /** A page deep in the whole list by name: the offset walks a covering index, then only the page's rows are read. */
  deepPage(offset: number, limit: number): number {
    const rows = this.#st(
      `SELECT s.id, s.last_name, s.first_name, s.birth_date, s.status, s.entry_date, s.referent_id, s.siae_kind, s.pass_end, s.contract_end,
              s.last_entretien_date, s.planned_exit_date, s.exit_date, r.display_name AS referent_name
         FROM (SELECT id FROM salarie WHERE deleted_at IS NULL ORDER BY search_key, id LIMIT ? OFFSET ?) page
         JOIN salarie s ON s.id = page.id LEFT JOIN referent r ON r.id = s.referent_id
        ORDER BY s.search_key, s.id`,
    ).all(limit, offset) as { id: string }[];
    this.#st('SELECT count(*) FROM salarie WHERE deleted_at IS NULL').get();
    this.alertInputs(rows.map((r) => r.id));
    return rows.length;
  }

  /** Everything the fiche shows of one salarié. */
  fiche(id: string): number {
    let n = 0;
    n += this.#st('SELECT s.*, r.display_name AS referent_name FROM salarie s LEFT JOIN referent r ON r.id = s.referent_id WHERE s.id = ?').all(id).length;
    for (const table of ['situation', 'pass_iae', 'pass_iae_suspension', 'pass_iae_prolongation', 'contract', 'projet', 'projet_target', 'formation', 'sortie', 'sortie_follow_up', 'action']) {
      n += this.#st(`SELECT * FROM ${table} WHERE salarie_id = ?`).all(id).length;
    }
    const freins = this.#st('SELECT * FROM frein WHERE salarie_id = ?').all(id) as { id: string }[];
    n += freins.length;
    n += this.#st('SELECT * FROM frein_action WHERE frein_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(freins.map((f) => f.id))).length;
    n += this.#st('SELECT * FROM entretien WHERE salarie_id = ? ORDER BY date DESC, start_time DESC, id DESC').all(id).length;
    n += this.#st(
      `SELECT i.id, i.objective, i.status, i.start_date, i.end_date, i.rome_label, i.renewal_of_id, i.created_at, o.name AS host_name, b.status AS bilan_status, b.written_on
         FROM immersion i LEFT JOIN organisation o ON o.id = i.host_organisation_id LEFT JOIN immersion_bilan b ON b.immersion_id = i.id
        WHERE i.salarie_id = ?`,
    ).all(id).length;
    return n;
  }

  /** Planned and held entretiens of a week with names and third parties, and the immersions' evaluations. */
  agenda(from: string, to: string, referentId: string | null, plannedOnly = false): number {
    const rows = this.#st(
      `SELECT e.id, e.salarie_id, e.kind, e.status, e.date, e.start_time, e.duration_minutes, e.place_kind, e.place_detail, e.title, e.updated_at, s.first_name, s.last_name
         FROM entretien e LEFT JOIN salarie s ON s.id = e.salarie_id
        WHERE e.date BETWEEN $from AND $to AND e.status IN ('planifie', $held) AND (e.salarie_id IS NULL OR s.deleted_at IS NULL)
          ${referentId === null ? '' : 'AND e.salarie_id IN (SELECT id FROM salarie WHERE referent_id = $ref AND deleted_at IS NULL)'}
        ORDER BY e.date, e.start_time, e.id`,
    ).all({ from, to, held: plannedOnly ? 'planifie' : 'tenu', ...(referentId === null ? {} : { ref: referentId }) }) as { id: string }[];
    if (plannedOnly) {
      return rows.length + this.agendaEvaluations(from, to, referentId);
    }
    const third = this.#st(
      `SELECT p.entretien_id, p.display_name, p.contact_id, o.name FROM entretien_participant p LEFT JOIN organisation o ON o.id = p.organisation_id
        WHERE p.entretien_id IN (SELECT value FROM json_each(?)) AND p.role NOT IN ('salarie', 'referent')`,
    ).all(JSON.stringify(rows.map((r) => r.id)));
    return rows.length + third.length + this.agendaEvaluations(from, to, referentId);
  }

  agendaEvaluations(from: string, to: string, referentId: string | null): number {
    return this.#st(
      `SELECT v.id, v.immersion_id, v.kind, v.status, v.date, v.start_time, i.salarie_id, i.place, i.rome_label, s.first_name, s.last_name, o.name, c.name
         FROM immersion_evaluation v JOIN immersion i ON i.id = v.immersion_id JOIN salarie s ON s.id = i.salarie_id
         LEFT JOIN organisation o ON o.id = i.host_organisation_id LEFT JOIN contact c ON c.id = i.tutor_contact_id
        WHERE v.date BETWEEN $from AND $to AND i.status != 'annulee' AND s.deleted_at IS NULL
          ${referentId === null ? '' : 'AND s.referent_id = $ref AND i.salarie_id IN (SELECT id FROM salarie WHERE referent_id = $ref AND deleted_at IS NULL)'}`,
    ).all({ from, to, ...(referentId === null ? {} : { ref: referentId }) }).length;
  }

  /**
   * The dashboard of one CIP: four counts, the salariés who may have an alert (the same SQL pre-filter as the
   * service, written by hand) and their alert inputs, and the week's planned appointments.
   */
  dashboard(referentId: string | null, d: { today: string; yearFrom: string; yearTo: string; passHorizon: string; contractHorizon: string; entretienCutoff: string; exitHorizon: string; exitMonths: string; freinCutoff: string; monday: string; sunday: string }): number {
    const mine = referentId === null ? '' : 'AND referent_id = $ref';
    const ref = referentId === null ? {} : { ref: referentId };
    const live = `deleted_at IS NULL ${mine}`;
    this.#st(`SELECT count(*) FROM salarie WHERE ${live} AND status = 'en_parcours'`).get(ref);
    this.#st(`SELECT count(*) FROM salarie WHERE ${live} AND entry_date BETWEEN $from AND $to`).get({ ...ref, from: d.yearFrom, to: d.yearTo });
    this.#st(`SELECT count(*) FROM salarie WHERE ${live} AND exit_date BETWEEN $from AND $to`).get({ ...ref, from: d.yearFrom, to: d.yearTo });
    this.#st(`SELECT count(*) FROM salarie WHERE ${live} AND status = 'en_parcours' AND pass_end BETWEEN $from AND $to`).get({ ...ref, from: d.today, to: d.passHorizon });
    const inForce = `(s.siae_kind IS NOT NULL AND (s.contract_end IS NULL OR s.contract_end >= $today))`;
    const candidates = this.#st(
      `SELECT s.id, s.last_name, s.first_name, s.last_entretien_date, s.planned_exit_date, s.exit_date FROM salarie s
        WHERE s.deleted_at IS NULL ${referentId === null ? '' : 'AND s.referent_id = $ref'} AND (
          ((s.exit_date IS NULL OR s.exit_date > $today) AND (
               (s.pass_end BETWEEN $today AND $passHorizon)
            OR (s.pass_end < $today AND ${inForce})
            OR (s.pass_end IS NULL AND ${inForce})
            OR (s.contract_end BETWEEN $today AND $contractHorizon)
            OR (${inForce} AND (s.last_entretien_date IS NULL OR s.last_entretien_date < $entretienCutoff))
            OR (coalesce(s.planned_exit_date, s.contract_end) BETWEEN $today AND $exitHorizon AND NOT EXISTS (
                  SELECT 1 FROM action a WHERE a.salarie_id = s.id AND a.kind = 'preparation_sortie'
                     AND coalesce(a.done_date, a.due_date) >= date(coalesce(s.planned_exit_date, s.contract_end), $exitMonths)))
            OR EXISTS (SELECT 1 FROM frein f WHERE f.salarie_id = s.id AND f.status IN ('identified', 'in_progress')
                  AND NOT EXISTS (SELECT 1 FROM frein_action fa WHERE fa.frein_id = f.id AND fa.date >= $freinCutoff)
                  AND (f.identified_date < $freinCutoff OR EXISTS (SELECT 1 FROM frein_action fa WHERE fa.frein_id = f.id)))
          ))
          OR EXISTS (SELECT 1 FROM action a WHERE a.salarie_id = s.id AND a.done_date IS NULL AND a.due_date < $today))`,
    ).all({
      ...ref,
      today: d.today,
      passHorizon: d.passHorizon,
      contractHorizon: d.contractHorizon,
      entretienCutoff: d.entretienCutoff,
      exitHorizon: d.exitHorizon,
      exitMonths: d.exitMonths,
      freinCutoff: d.freinCutoff,
    }) as { id: string }[];
    let n = candidates.length;
    for (let i = 0; i < candidates.length; i += 2000) n += this.alertInputs(candidates.slice(i, i + 2000).map((c) => c.id));
    // The week's planned appointments (the dashboard shows no third parties).
    return n + this.agenda(d.monday, d.sunday, referentId, true);
  }

  /** Immersions in progress with host, référent, bilan and next planned evaluation, soonest first, and their count. */
  immersionsInProgress(limit: number): number {
    this.#st("SELECT count(*) FROM immersion i JOIN salarie s ON s.id = i.salarie_id WHERE i.status = 'en_cours' AND s.deleted_at IS NULL").get();
    return this.#st(
      `SELECT i.id, i.salarie_id, i.objective, i.rome_code, i.rome_label, i.start_date, i.end_date, i.status, i.renewal_of_id, i.created_at,
              s.first_name, s.last_name, r.display_name, o.name, b.status,
              (SELECT min(v.date) FROM immersion_evaluation v WHERE v.immersion_id = i.id AND v.status = 'planifiee') AS next_evaluation_date
         FROM immersion i JOIN salarie s ON s.id = i.salarie_id LEFT JOIN referent r ON r.id = s.referent_id
         LEFT JOIN organisation o ON o.id = i.host_organisation_id LEFT JOIN immersion_bilan b ON b.immersion_id = i.id
        WHERE i.status = 'en_cours' AND s.deleted_at IS NULL
        ORDER BY i.start_date, i.created_at, i.id LIMIT ?`,
    ).all(limit).length;
  }
}
