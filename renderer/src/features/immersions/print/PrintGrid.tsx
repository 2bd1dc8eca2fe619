import { useEffect, useState } from 'react';
import { GRID_SECTIONS, gridSectionLabels } from '../../../../../shared/domain/grid-templates';
import { firstNameAndInitial, immersionObjectiveLabels } from '../../../../../shared/domain/immersions';
import type { ImmersionView } from '../../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../../bridge';
import { formatDateShort } from '../../../lib/format';
import { pdfFileName } from '../../print/printing';
import { PrintShell, useStructure } from '../../print/PrintShell';
import { immersionHref } from '../links';

/** Only what a document handed to the host may show: never notes, freins or the full name. */
export function hostFacts(view: ImmersionView) {
  return {
    salarie: firstNameAndInitial(view.salarieFirstName, view.salarieLastName),
    host: view.host?.name ?? null,
    tutor: view.tutor ? `${view.tutor.name}${view.tutor.role ? `, ${view.tutor.role}` : ''}` : null,
    trade: view.romeCode ? `${view.romeLabel ?? ''} (${view.romeCode})` : null,
    dates: view.startDate && view.endDate ? `du ${formatDateShort(view.startDate)} au ${formatDateShort(view.endDate)}` : null,
  };
}

/**
 * Who, where, what and when at the top of an immersion document. `missing` fills an unknown fact: a dotted line
 * to complete by hand on the blank grid, a dash on the bilan.
 */
export function ImmersionFacts({ view, missing, datesNote }: { view: ImmersionView; missing: string; datesNote?: string }) {
  const facts = hostFacts(view);
  return (
    <dl className="doc-facts">
      <dt>Salarié·e</dt>
      <dd>{facts.salarie}</dd>
      <dt>Structure d’accueil</dt>
      <dd>{facts.host ?? missing}</dd>
      <dt>Tuteur·rice</dt>
      <dd>{facts.tutor ?? missing}</dd>
      <dt>Métier</dt>
      <dd>{facts.trade ?? missing}</dd>
      <dt>Objectif</dt>
      <dd>{immersionObjectiveLabels[view.objective]}</dd>
      <dt>Dates</dt>
      <dd>
        {facts.dates ?? missing}
        {datesNote ?? ''}
      </dd>
    </dl>
  );
}

export function useImmersionForPrint(id: string): { view: ImmersionView | null; error: string | null } {
  const [state, setState] = useState<{ view: ImmersionView | null; error: string | null }>({ view: null, error: null });
  useEffect(() => {
    let cancelled = false;
    // Never with includeNotes: notes are confidential and this document goes to the host.
    call('immersions.get', { id, includeNotes: false }).then(
      (view) => !cancelled && setState({ view, error: null }),
      (e: unknown) => !cancelled && setState({ view: null, error: e instanceof BridgeError ? e.message : 'Le document n’a pas pu être préparé. Réessayez.' }),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);
  return state;
}

/** A blank line to write on by hand. */
function WriteIn({ label }: { label: string }) {
  return (
    <span className="write-in">
      {label} <span className="write-line" aria-hidden="true" />
    </span>
  );
}

/**
 * The blank grid the host tutor fills by hand (ui-guide, Print): the scale explained at the top,
 * one row per item with a large tick box per level and room for comments, the open questions and
 * signatures. The salarié appears by first name and initial only.
 */
export function PrintGrid({ id }: { id: string }) {
  const structure = useStructure();
  const { view, error } = useImmersionForPrint(id);
  const grid = view?.grid ?? null;
  const facts = view ? hostFacts(view) : null;
  const items = grid?.items.filter((i) => !i.removed) ?? [];

  return (
    <PrintShell
      documentTitle={`Grille d’évaluation${facts ? ` — ${facts.salarie}` : ''}`}
      fileName={pdfFileName('grille-evaluation', view?.romeLabel, view?.startDate)}
      backHref={immersionHref(id, 'grille')}
      backLabel="Retour à l’immersion"
      structure={structure}
      ready={view !== null && grid !== null}
      error={error ?? (view && !grid ? 'Cette immersion n’a pas encore de grille d’évaluation : construisez-la d’abord.' : null)}
    >
      {view && grid && facts ? (
        <div className="grid-doc">
          <h1 id="print-title">Grille d’évaluation de l’immersion</h1>
          <p className="doc-subtitle">
            {grid.kind === 'satisfaction' ? 'Questionnaire de satisfaction' : 'Compétences professionnelles et savoir-être'} — période de mise en situation en milieu
            professionnel (PMSMP)
          </p>
          <ImmersionFacts view={view} missing="………………………………" />
          <div className="doc-fill-in">
            <span className="tick-choice">
              <span className="tick-box small" aria-hidden="true" /> Évaluation hebdomadaire
            </span>
            <span className="tick-choice">
              <span className="tick-box small" aria-hidden="true" /> Évaluation finale
            </span>
            <WriteIn label="Date :" />
            <WriteIn label="Évaluateurs :" />
          </div>

          <section className="doc-section scale-explained" aria-labelledby="scale-title">
            <h2 id="scale-title">Comment remplir cette grille</h2>
            <p className="doc-text">Pour chaque item, cochez une seule case, celle du niveau observé pendant la période. Ajoutez un commentaire si besoin.</p>
            <table className="doc-table scale-table">
              <thead>
                <tr>
                  <th scope="col">Niveau</th>
                  <th scope="col">Signification</th>
                </tr>
              </thead>
              <tbody>
                {grid.scale.map((level) => (
                  <tr key={level.code}>
                    <th scope="row">{level.label}</th>
                    <td>{level.description || (level.evaluated ? '' : 'La situation ne s’est pas présentée.')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          {GRID_SECTIONS.map((section) => {
            const rows = items.filter((i) => i.section === section);
            if (rows.length === 0) return null;
            return (
              <section key={section} className="doc-section" aria-labelledby={`print-section-${section}`}>
                <h2 id={`print-section-${section}`}>{gridSectionLabels[section]}</h2>
                <table className="doc-table tick-table">
                  <thead>
                    <tr>
                      <th scope="col" className="tick-item">
                        Item
                      </th>
                      {grid.scale.map((level) => (
                        <th key={level.code} scope="col" className="tick-level">
                          {level.label}
                        </th>
                      ))}
                      <th scope="col" className="tick-comment">
                        Commentaires
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((item) => (
                      <tr key={item.id}>
                        <th scope="row" className="tick-item">
                          {item.label}
                        </th>
                        {grid.scale.map((level) => (
                          <td key={level.code} className="tick-cell">
                            <span className="tick-box" role="img" aria-label={`Case à cocher : ${level.label}`} />
                          </td>
                        ))}
                        <td className="tick-comment" />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}

          <section className="doc-section open-questions" aria-labelledby="open-title">
            <h2 id="open-title">Questions ouvertes</h2>
            <h3>Avis du salarié</h3>
            <div className="write-box" />
            <h3>Avis de la structure d’accueil</h3>
            <div className="write-box" />
          </section>

          <section className="doc-section doc-signatures" aria-labelledby="sign-title">
            <h2 id="sign-title">Signatures</h2>
            <div className="signature-grid three">
              {['Le tuteur ou la tutrice', 'Le ou la salarié·e', 'Le ou la référent·e de la structure'].map((who) => (
                <div key={who} className="signature-block">
                  <p className="signature-name">{who}</p>
                  <p className="signature-line">Date et signature</p>
                </div>
              ))}
            </div>
          </section>
        </div>
      ) : null}
    </PrintShell>
  );
}
