import { GRID_SECTIONS, gridSectionLabels } from '../../../../../shared/domain/grid-templates';
import {
  assessmentStatusLabels,
  evaluatorRoleLabels,
  formatHours,
  nextStepLabels,
} from '../../../../../shared/domain/immersions';
import { formatDateLong, formatDateShort } from '../../../lib/format';
import { pdfFileName } from '../../print/printing';
import { Paragraphs } from '../../print/Paragraphs';
import { PrintShell, useStructure } from '../../print/PrintShell';
import { evaluationShortLabel } from '../Progression';
import { immersionHref } from '../links';
import { ImmersionFacts, hostFacts, useImmersionForPrint } from './PrintGrid';
import { lowerFirst } from '../text';

/**
 * The completed bilan, shared with the host and signed by all three: outcome, hire, the levels
 * reached item by item over the evaluations, both opinions, next steps. No confidential data.
 */
export function PrintBilan({ id }: { id: string }) {
  const structure = useStructure();
  const { view, error } = useImmersionForPrint(id);
  const bilan = view?.bilan ?? null;
  const facts = view ? hostFacts(view) : null;
  const progression = view?.progression ?? null;
  const labelOf = new Map(progression?.rows.map((r) => [r.itemId, r.label]) ?? []);
  const finalEval = view?.evaluations.find((e) => e.kind === 'finale' && e.status === 'realisee') ?? null;

  return (
    <PrintShell
      documentTitle={`Bilan d’immersion${facts ? ` — ${facts.salarie}` : ''}`}
      fileName={pdfFileName('bilan-immersion', view?.romeLabel, view?.startDate)}
      backHref={immersionHref(id, 'bilan')}
      backLabel="Retour à l’immersion"
      structure={structure}
      ready={view !== null && bilan !== null}
      error={error ?? (view && !bilan ? 'Le bilan de cette immersion n’est pas encore rédigé.' : null)}
    >
      {view && bilan && facts ? (
        <div className="bilan-doc">
          <h1 id="print-title">Bilan de l’immersion</h1>
          <p className="doc-subtitle">Période de mise en situation en milieu professionnel (PMSMP) — bilan du {formatDateLong(bilan.writtenOn)}</p>
          <ImmersionFacts view={view} missing="—" {...(view.scheduledHours ? { datesNote: ` (${formatHours(view.scheduledHours)} prévues)` } : {})} />

          <section className="doc-section" aria-labelledby="outcome-title">
            <h2 id="outcome-title">Déroulement</h2>
            <dl className="doc-facts">
              <dt>Immersion</dt>
              <dd>{assessmentStatusLabels[bilan.status]}</dd>
              {bilan.status === 'PARTIALLY_COMPLETED' ? (
                <>
                  <dt>Dernier jour de présence</dt>
                  <dd>{bilan.lastDayOfPresence ? formatDateShort(bilan.lastDayOfPresence) : '—'}</dd>
                  <dt>Heures manquées</dt>
                  <dd>{bilan.numberOfMissedHours !== null ? formatHours(bilan.numberOfMissedHours) : '—'}</dd>
                </>
              ) : null}
              <dt>Embauche</dt>
              <dd>
                {bilan.endedWithAJob
                  ? `Oui — ${bilan.typeOfContract ?? 'contrat à préciser'}${bilan.contractStartDate ? `, à partir du ${formatDateShort(bilan.contractStartDate)}` : ''}`
                  : 'Non'}
              </dd>
            </dl>
          </section>

          {progression && progression.evaluations.length > 0 && view.grid ? (
            <section className="doc-section" aria-labelledby="levels-title">
              <h2 id="levels-title">{view.grid.kind === 'satisfaction' ? 'Questionnaire de satisfaction' : 'Compétences évaluées'}</h2>
              <p className="doc-text">
                Niveau à chaque évaluation (
                {progression.evaluations.map((e, i) => `${evaluationShortLabel(progression, i)} : ${formatDateShort(e.date)}`).join(' ; ')}).
              </p>
              <table className="doc-table">
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    {progression.evaluations.map((e, i) => (
                      <th key={e.id} scope="col" className="nowrap">
                        {evaluationShortLabel(progression, i)}
                      </th>
                    ))}
                  </tr>
                </thead>
                {GRID_SECTIONS.map((section) => {
                  const rows = progression.rows.filter((r) => r.section === section && !r.removed);
                  if (rows.length === 0) return null;
                  return (
                    <tbody key={section}>
                      <tr>
                        <th scope="colgroup" colSpan={progression.evaluations.length + 1} className="doc-group">
                          {gridSectionLabels[section]}
                        </th>
                      </tr>
                      {rows.map((row) => (
                        <tr key={row.itemId}>
                          <th scope="row">{row.label}</th>
                          {row.points.map((p) => (
                            <td key={p.evaluationId}>{p.levelLabel ?? '—'}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  );
                })}
              </table>
              <div className="doc-columns">
                <div>
                  <h3>{view.grid.kind === 'satisfaction' ? 'Points satisfaisants' : 'Acquis'}</h3>
                  {progression.reached.length ? (
                    <ul>
                      {progression.reached.map((itemId) => (
                        <li key={itemId}>{labelOf.get(itemId)}</li>
                      ))}
                    </ul>
                  ) : (
                    <p className="doc-text doc-muted">Aucun item.</p>
                  )}
                </div>
                <div>
                  <h3>Reste à travailler</h3>
                  {progression.remaining.length ? (
                    <ul>
                      {progression.remaining.map((itemId) => (
                        <li key={itemId}>{labelOf.get(itemId)}</li>
                      ))}
                    </ul>
                  ) : (
                    <p className="doc-text doc-muted">Aucun item.</p>
                  )}
                </div>
              </div>
              {finalEval ? (
                <p className="doc-text">
                  Évaluation finale du {formatDateShort(finalEval.date)} avec {finalEval.evaluators.map((e) => `${e.name} (${lowerFirst(evaluatorRoleLabels[e.role])})`).join(', ')}.
                </p>
              ) : null}
            </section>
          ) : null}

          <section className="doc-section" aria-labelledby="host-title">
            <h2 id="host-title">Avis de la structure d’accueil</h2>
            <h3>Appréciation générale</h3>
            <Paragraphs text={bilan.establishmentFeedback} />
            <h3>Conseils pour la suite du parcours</h3>
            <Paragraphs text={bilan.establishmentAdvices} />
          </section>

          <section className="doc-section" aria-labelledby="salarie-title">
            <h2 id="salarie-title">Avis du salarié</h2>
            <p className="doc-text">
              {bilan.beneficiaryAgreement === null ? 'Accord sur le bilan : non renseigné.' : bilan.beneficiaryAgreement ? 'D’accord avec ce bilan.' : 'Pas d’accord avec ce bilan.'}
            </p>
            {bilan.beneficiaryFeedback ? <Paragraphs text={bilan.beneficiaryFeedback} /> : null}
          </section>

          <section className="doc-section" aria-labelledby="next-title">
            <h2 id="next-title">Suites du parcours</h2>
            {bilan.nextSteps.length ? (
              <ul>
                {bilan.nextSteps.map((s) => (
                  <li key={s}>{nextStepLabels[s]}</li>
                ))}
              </ul>
            ) : (
              <p className="doc-text doc-muted">À définir lors de l’entretien tripartite final.</p>
            )}
            {bilan.nextStepsNote ? <Paragraphs text={bilan.nextStepsNote} /> : null}
          </section>

          <section className="doc-section doc-signatures" aria-labelledby="bilan-sign-title">
            <h2 id="bilan-sign-title">Signatures</h2>
            <div className="signature-grid three">
              {[
                { who: facts.salarie, role: 'Salarié·e' },
                { who: view.tutor?.name ?? 'Le tuteur ou la tutrice', role: `Structure d’accueil${facts.host ? ` — ${facts.host}` : ''}` },
                { who: view.referentName ?? 'Le ou la référent·e', role: 'Structure employeuse' },
              ].map((s) => (
                <div key={s.role} className="signature-block">
                  <p className="signature-name">{s.who}</p>
                  <p className="signature-role">{s.role}</p>
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
