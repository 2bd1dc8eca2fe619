import { useEffect, useState } from 'react';
import { entretienKindLabels, entretienMomentLabels, participantRoleLabels, placeKindLabels, type EntretienKind } from '../../../../shared/domain/entretiens';
import type { EntretienView } from '../../../../shared/ipc/entretiens';
import { BridgeError, call } from '../../bridge';
import { CheckboxField } from '../../components/forms/CheckboxField';
import { formatDateLong, formatDateShort } from '../../lib/format';
import { capitalize, formatDuration, formatTime } from '../agenda/time';
import { entretienHref } from '../entretiens/links';
import { pdfFileName } from './printing';
import { Paragraphs } from './Paragraphs';
import { PrintShell, useStructure } from './PrintShell';

/** Records signed by everyone present (ui-guide, Print): tripartite entretiens and bilans. */
const SIGNED_KINDS: readonly EntretienKind[] = ['tripartite', 'bilan_intermediaire', 'bilan_final'];

/**
 * Compte-rendu d'entretien: who, when, objectives with deadlines and conditions, decisions,
 * documents, next steps, signatures. Confidential notes only when the user ticks them in (logged read).
 * Freins are never printed: the document is meant to be shared with the employer or partner.
 */
export function PrintEntretien({ id }: { id: string }) {
  const structure = useStructure();
  const [view, setView] = useState<EntretienView | null>(null);
  const [next, setNext] = useState<EntretienView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [includeNotes, setIncludeNotes] = useState(false);

  useEffect(() => {
    let cancelled = false;
    call('entretiens.get', { id, includeNotes }).then(
      (found) => {
        if (cancelled) return;
        setView(found);
        setError(null);
        if (found.nextEntretienId) {
          call('entretiens.get', { id: found.nextEntretienId, includeNotes: false }).then(
            (n) => !cancelled && setNext(n),
            () => undefined,
          );
        }
      },
      (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : 'Le compte-rendu n’a pas pu être préparé. Réessayez.'),
    );
    return () => {
      cancelled = true;
    };
  }, [id, includeNotes]);

  const salarie = view?.salarieName ?? null;
  const kindLabel = view ? entretienKindLabels[view.kind] : '';
  const remis = view?.documents.filter((d) => d.direction === 'remis') ?? [];
  const aProduire = view?.documents.filter((d) => d.direction === 'a_produire') ?? [];
  const signed = view ? SIGNED_KINDS.includes(view.kind) && view.participants.length > 0 : false;

  return (
    <PrintShell
      documentTitle={`Compte-rendu d’entretien${salarie ? ` — ${salarie}` : ''}`}
      fileName={pdfFileName('compte-rendu', salarie, view?.date)}
      backHref={entretienHref(id)}
      backLabel="Retour à l’entretien"
      structure={structure}
      ready={view !== null}
      error={error}
      controls={
        view?.hasNotes ? (
          <CheckboxField
            label="Inclure les notes confidentielles"
            hint="Leur lecture est enregistrée dans le journal."
            checked={includeNotes}
            onChange={(e) => setIncludeNotes(e.target.checked)}
          />
        ) : null
      }
    >
      {view ? (
        <>
          <h1 id="print-title">Compte-rendu d’entretien</h1>
          <p className="doc-subtitle">
            {kindLabel} — {entretienMomentLabels[view.moment]}
          </p>
          <dl className="doc-facts">
            {salarie ? (
              <>
                <dt>Salarié·e</dt>
                <dd>{salarie}</dd>
              </>
            ) : null}
            <dt>Date</dt>
            <dd>
              {capitalize(formatDateLong(view.date))}
              {view.startTime ? ` à ${formatTime(view.startTime)}` : ''}
              {view.durationMinutes ? ` (durée : ${formatDuration(view.durationMinutes)})` : ''}
            </dd>
            {view.placeKind || view.placeDetail ? (
              <>
                <dt>Lieu</dt>
                <dd>{[view.placeKind ? placeKindLabels[view.placeKind] : null, view.placeDetail].filter(Boolean).join(' — ')}</dd>
              </>
            ) : null}
            {view.title ? (
              <>
                <dt>Objet</dt>
                <dd>{view.title}</dd>
              </>
            ) : null}
            {view.link ? (
              <>
                <dt>En lien avec</dt>
                <dd>{view.link.label ?? view.link.type}</dd>
              </>
            ) : null}
          </dl>

          <section className="doc-section">
            <h2>Participants</h2>
            <table className="doc-table">
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Organisation</th>
                </tr>
              </thead>
              <tbody>
                {view.participants.map((p) => (
                  <tr key={p.id}>
                    <td>{p.displayName}</td>
                    <td>{participantRoleLabels[p.role]}</td>
                    <td>{p.organisationName ?? (p.role === 'referent' && structure ? structure.name : '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="doc-section">
            <h2>Objectifs</h2>
            {view.objectives.length === 0 ? (
              <p className="doc-text">Aucun objectif n’a été fixé lors de cet entretien.</p>
            ) : (
              <table className="doc-table">
                <thead>
                  <tr>
                    <th scope="col">Objectif</th>
                    <th scope="col">Échéance</th>
                    <th scope="col">Conditions de réalisation</th>
                  </tr>
                </thead>
                <tbody>
                  {view.objectives.map((o) => (
                    <tr key={o.id}>
                      <td>{o.text}</td>
                      <td className="nowrap">{o.deadline ? formatDateShort(o.deadline) : '—'}</td>
                      <td>{o.conditions ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {view.decisions ? (
            <section className="doc-section">
              <h2>Décisions</h2>
              <Paragraphs text={view.decisions} />
            </section>
          ) : null}

          {remis.length || aProduire.length ? (
            <section className="doc-section">
              <h2>Documents</h2>
              {remis.length ? (
                <>
                  <h3>Remis pendant l’entretien</h3>
                  <ul>
                    {remis.map((d) => (
                      <li key={d.id}>{d.label}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {aProduire.length ? (
                <>
                  <h3>À produire</h3>
                  <ul>
                    {aProduire.map((d) => (
                      <li key={d.id}>{d.label}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ) : null}

          {view.nextSteps.length || next ? (
            <section className="doc-section">
              <h2>Prochaines étapes</h2>
              {view.nextSteps.length ? (
                <table className="doc-table">
                  <thead>
                    <tr>
                      <th scope="col">Étape</th>
                      <th scope="col">Échéance</th>
                      <th scope="col">Responsable</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.nextSteps.map((s) => (
                      <tr key={s.id}>
                        <td>{s.label}</td>
                        <td className="nowrap">{formatDateShort(s.dueDate)}</td>
                        <td>{s.owner ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {next ? (
                <p className="doc-text">
                  Prochain rendez-vous : {formatDateLong(next.date)}
                  {next.startTime ? ` à ${formatTime(next.startTime)}` : ''} ({entretienKindLabels[next.kind].toLowerCase()}).
                </p>
              ) : null}
            </section>
          ) : null}

          {includeNotes && view.notes ? (
            <section className="doc-section doc-confidential">
              <h2>Notes confidentielles</h2>
              <p className="doc-text doc-warning">Document contenant des informations confidentielles : ne pas diffuser.</p>
              <Paragraphs text={view.notes} />
            </section>
          ) : null}

          {signed ? (
            <section className="doc-section doc-signatures">
              <h2>Signatures</h2>
              <div className="signature-grid">
                {view.participants.map((p) => (
                  <div key={p.id} className="signature-block">
                    <p className="signature-name">{p.displayName}</p>
                    <p className="signature-role">
                      {participantRoleLabels[p.role].replace(/ \(.*\)$/, '')}
                      {p.organisationName ? ` — ${p.organisationName}` : ''}
                    </p>
                    <p className="signature-line">Date et signature :</p>
                  </div>
                ))}
              </div>
            </section>
          ) : null}
        </>
      ) : null}
    </PrintShell>
  );
}
