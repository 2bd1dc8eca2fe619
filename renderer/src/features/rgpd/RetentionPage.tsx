import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  DEFAULT_RETENTION,
  RetentionSettings,
  type RetentionAction,
  type RetentionReview,
  type RetentionSettings as Settings,
} from '../../../../shared/ipc/rgpd';
import { BridgeError, call } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { formatCount, formatDateShort } from '../../lib/format';
import { hrefFor } from '../../router';
import { notifySaved } from '../../state/notices';
import { useJobProgress } from '../import/useJobProgress';
import { retentionActionLabels, retentionReasonLabels } from './labels';
import './rgpd.css';

type SettingKey = keyof Settings;

const FIELDS: ReadonlyArray<{ key: SettingKey; label: string; unit: string; hint: string }> = [
  {
    key: 'anonymiseAfterExitYears',
    label: 'Dossier après la sortie',
    unit: 'ans',
    hint: `Identité et parcours gardés pour les contrôles des financeurs (FSE+, État), puis anonymisés. Par défaut ${DEFAULT_RETENTION.anonymiseAfterExitYears} ans.`,
  },
  {
    key: 'notesAfterExitYears',
    label: 'Notes confidentielles après la sortie',
    unit: 'ans',
    hint: `Notes, précisions des freins, notes d’entretien et d’immersion. Par défaut ${DEFAULT_RETENTION.notesAfterExitYears} ans.`,
  },
  {
    key: 'inactiveYears',
    label: 'Dossier sans sortie ni activité',
    unit: 'ans',
    hint: `Proposé à la revue au bout de ce délai sans entretien ni modification. Par défaut ${DEFAULT_RETENTION.inactiveYears} ans.`,
  },
  {
    key: 'deletedPurgeDays',
    label: 'Fiches supprimées, avant purge',
    unit: 'jours',
    hint: `Restaurables pendant ce délai. Par défaut ${DEFAULT_RETENTION.deletedPurgeDays} jours.`,
  },
];

function DurationsForm({ initial, onSaved }: { initial: Settings; onSaved: () => void }) {
  const [values, setValues] = useState<Record<SettingKey, string>>(() => toText(initial));
  const [errors, setErrors] = useState<Partial<Record<SettingKey, string>>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => setValues(toText(initial)), [initial]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = RetentionSettings.safeParse(Object.fromEntries(FIELDS.map((f) => [f.key, values[f.key] === '' ? undefined : Number(values[f.key])])));
    if (!parsed.success) {
      const next: Partial<Record<SettingKey, string>> = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as SettingKey] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await call('rgpd.saveRetention', parsed.data);
      notifySaved('Durées de conservation enregistrées.');
      onSaved();
    } catch (error) {
      const issues = error instanceof BridgeError ? (error.payload.issues ?? []) : [];
      const next: Partial<Record<SettingKey, string>> = {};
      for (const issue of issues) next[issue.path as SettingKey] = issue.message;
      if (issues.length === 0) next.anonymiseAfterExitYears = error instanceof BridgeError ? error.message : 'L’enregistrement a échoué. Réessayez.';
      setErrors(next);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="rgpd-retention-grid">
        {FIELDS.map((f) => (
          <Field
            key={f.key}
            label={`${f.label} (${f.unit})`}
            type="number"
            inputMode="numeric"
            min={1}
            name={f.key}
            value={values[f.key]}
            hint={f.hint}
            error={errors[f.key]}
            onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          Enregistrer les durées
        </button>
        <button type="button" onClick={() => setValues(toText(DEFAULT_RETENTION))}>
          Revenir aux valeurs par défaut
        </button>
      </div>
    </form>
  );
}

function toText(settings: Settings): Record<SettingKey, string> {
  return {
    anonymiseAfterExitYears: String(settings.anonymiseAfterExitYears),
    notesAfterExitYears: String(settings.notesAfterExitYears),
    inactiveYears: String(settings.inactiveYears),
    deletedPurgeDays: String(settings.deletedPurgeDays),
  };
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n > 1 ? many : one}`;
}

/**
 * Paramètres › Conservation des données (`#/parametres/conservation`): the retention durations, and the
 * files they make due — purged, anonymised or stripped of their notes only after an explicit confirmation.
 */
export function RetentionPage() {
  const [review, setReview] = useState<RetentionReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [actions, setActions] = useState<Record<string, RetentionAction>>({});
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState(false);
  const [status, setStatus] = useState('');
  const progress = useJobProgress(applying, 'rgpd.');

  const load = useCallback(() => {
    call('rgpd.review', {}).then(
      (found) => {
        setReview(found);
        setError(null);
        setSelected(new Set());
        setActions(Object.fromEntries(found.items.map((i) => [i.salarieId, i.proposed])));
      },
      (e: unknown) => setError(e instanceof BridgeError ? e.message : 'La revue n’a pas pu être chargée. Réessayez.'),
    );
  }, []);

  useEffect(load, [load]);

  const chosen = useMemo(() => (review?.items ?? []).filter((i) => selected.has(i.salarieId)), [review, selected]);
  const counts = useMemo(() => {
    const c: Record<RetentionAction, number> = { purge: 0, anonymise: 0, clearNotes: 0 };
    for (const item of chosen) c[actions[item.salarieId] ?? item.proposed] += 1;
    return c;
  }, [chosen, actions]);

  async function apply() {
    setApplying(true);
    setStatus('');
    try {
      const result = await call('rgpd.apply', { items: chosen.map((i) => ({ salarieId: i.salarieId, action: actions[i.salarieId] ?? i.proposed })) });
      setConfirming(false);
      const parts = [
        result.purged ? plural(result.purged, 'dossier purgé', 'dossiers purgés') : null,
        result.anonymised ? plural(result.anonymised, 'dossier anonymisé', 'dossiers anonymisés') : null,
        result.notesCleared ? plural(result.notesCleared, 'dossier sans ses notes', 'dossiers sans leurs notes') : null,
      ].filter(Boolean);
      setStatus(`${parts.join(', ')}.${result.compacted ? ' Le fichier de données a été compacté : les textes effacés n’y figurent plus.' : ''}`);
      load();
    } catch (e) {
      setConfirming(false);
      setError(e instanceof BridgeError ? e.message : 'L’opération a échoué ; rien n’a été effacé. Réessayez.');
    } finally {
      setApplying(false);
    }
  }

  const allSelected = review !== null && review.items.length > 0 && selected.size === review.items.length;

  return (
    <div className="rgpd-page">
      <PageHeader
        title="Conservation des données"
        actions={
          <a className="button" href={hrefFor('parametres')}>
            <span aria-hidden="true">← </span>Retour aux paramètres
          </a>
        }
      />
      <section className="card" aria-labelledby="durations-title">
        <h2 id="durations-title">Durées de conservation</h2>
        <p>
          Les durées proposées suivent le référentiel de la CNIL pour l’accompagnement social et les obligations des financeurs.{' '}
          <strong>Faites-les valider par le délégué à la protection des données (DPO) de votre structure.</strong>
        </p>
        {review ? <DurationsForm initial={review.settings} onSaved={load} /> : null}
      </section>

      <section className="card" aria-labelledby="review-title">
        <h2 id="review-title">Dossiers à traiter</h2>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <p role="status" className="form-status">
          {status}
        </p>
        {review === null && !error ? <p aria-busy="true">Recherche des dossiers arrivés à échéance…</p> : null}
        {review && review.items.length === 0 ? (
          <EmptyState title="Aucun dossier à traiter">
            <p>Aucune fiche n’a dépassé les durées de conservation au {formatDateShort(review.today)}.</p>
          </EmptyState>
        ) : null}
        {review && review.items.length > 0 ? (
          <>
            <p className="rgpd-summary">
              {plural(review.total, 'dossier arrivé', 'dossiers arrivés')} à échéance au {formatDateShort(review.today)}
              {review.total > review.items.length ? ` (les ${formatCount(review.items.length)} plus anciens sont affichés)` : ''}. Cochez ceux à traiter,
              vérifiez l’action, puis confirmez.
            </p>
            <table className="data-table">
              <caption className="visually-hidden">Dossiers arrivés à échéance</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Tout cocher"
                      checked={allSelected}
                      onChange={(e) => setSelected(e.target.checked ? new Set(review.items.map((i) => i.salarieId)) : new Set())}
                    />
                  </th>
                  <th scope="col">Salarié·e</th>
                  <th scope="col">Motif</th>
                  <th scope="col">Depuis le</th>
                  <th scope="col">Échéance</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {review.items.map((item) => (
                  <tr key={item.salarieId}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Traiter le dossier de ${item.name}`}
                        checked={selected.has(item.salarieId)}
                        onChange={(e) =>
                          setSelected((s) => {
                            const next = new Set(s);
                            if (e.target.checked) next.add(item.salarieId);
                            else next.delete(item.salarieId);
                            return next;
                          })
                        }
                      />
                    </td>
                    <td>{item.reason === 'deleted' ? item.name : <a href={hrefFor('salaries', item.salarieId)}>{item.name}</a>}</td>
                    <td>{retentionReasonLabels[item.reason]}</td>
                    <td className="nowrap">{formatDateShort(item.since)}</td>
                    <td className="nowrap">{formatDateShort(item.dueDate)}</td>
                    <td>
                      {item.allowed.length === 1 ? (
                        retentionActionLabels[item.proposed]
                      ) : (
                        <select
                          aria-label={`Action pour le dossier de ${item.name}`}
                          value={actions[item.salarieId] ?? item.proposed}
                          onChange={(e) => setActions((a) => ({ ...a, [item.salarieId]: e.target.value as RetentionAction }))}
                        >
                          {item.allowed.map((action) => (
                            <option key={action} value={action}>
                              {retentionActionLabels[action]}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="form-actions">
              <button type="button" className="danger" disabled={chosen.length === 0 || applying} onClick={() => setConfirming(true)}>
                Traiter les {formatCount(chosen.length)} dossiers cochés…
              </button>
            </div>
          </>
        ) : null}
      </section>

      <Dialog title="Confirmer le traitement" open={confirming} onClose={() => !applying && setConfirming(false)}>
        <p>Cette opération est définitive : les données effacées ne pourront pas être récupérées, même par une sauvegarde ultérieure.</p>
        <ul>
          {counts.purge ? <li>{plural(counts.purge, 'dossier sera purgé', 'dossiers seront purgés')} : toutes leurs données sont supprimées.</li> : null}
          {counts.anonymise ? (
            <li>{plural(counts.anonymise, 'dossier sera anonymisé', 'dossiers seront anonymisés')} : identité et textes effacés, dates et codes gardés pour les statistiques.</li>
          ) : null}
          {counts.clearNotes ? <li>{plural(counts.clearNotes, 'dossier perdra', 'dossiers perdront')} ses notes confidentielles.</li> : null}
        </ul>
        <p className="form-hint">Le journal garde la trace de l’opération, sans nom ni texte. Le fichier de données est ensuite compacté.</p>
        {applying ? (
          <p aria-busy="true" role="status">
            {progress ? `${progress.label}… ${progress.total ? `${formatCount(progress.done)} / ${formatCount(progress.total)}` : ''}` : 'Traitement en cours…'}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="danger" disabled={applying} onClick={() => void apply()}>
            Confirmer et effacer
          </button>
          <button type="button" disabled={applying} onClick={() => setConfirming(false)}>
            Annuler
          </button>
        </div>
      </Dialog>
    </div>
  );
}
