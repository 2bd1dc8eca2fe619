import { useState } from 'react';
import type { StatsPeriod } from '../../../../shared/indicators/period';
import { formatCount, formatDateShort } from '../../lib/format';
import { notifyError } from '../../state/notices';
import { downloadText } from '../agenda/download';
import { pdfFileName, printCurrentView } from '../print/printing';
import { StatsProgress } from './Progress';
import { useStatsCall } from './useStatsCall';

/**
 * The report in the ASP's shape (exits by category and motif, freins per annexe financière,
 * BenefSorties profile): the structure's own declaration, unsuppressed, printable and as CSV.
 */
export function AspReportView({ period, structureName }: { period: StatsPeriod; structureName: string | null }) {
  const { data, error, progress } = useStatsCall('stats.aspReport', period);
  const [printStatus, setPrintStatus] = useState<string | null>(null);
  if (error) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  if (!data) return <StatsProgress progress={progress} label="Préparation du rapport ASP" />;

  async function print() {
    if (!data) return;
    try {
      setPrintStatus(await printCurrentView(pdfFileName('rapport-asp', data.periodLabel)));
    } catch (e) {
      notifyError(e instanceof Error ? e.message : 'L’impression a échoué.');
    }
  }

  return (
    <div className="asp-report">
      <div className="form-actions no-print">
        <button type="button" className="primary" onClick={() => void print()}>
          Imprimer le rapport
        </button>
        <button type="button" onClick={() => downloadText(data.fileName, data.csv, 'text/csv;charset=utf-8')}>
          Télécharger le CSV (Excel)
        </button>
        <span className="form-status" role="status">
          {printStatus}
        </span>
      </div>
      <header className="asp-print-header">
        <p className="asp-structure">{structureName ?? 'Structure'}</p>
        <h2>Rapport ASP — {data.periodLabel}</h2>
        <p className="muted">
          Du {formatDateShort(data.range.start)} au {formatDateShort(data.range.end)}. Chiffres complets de la structure (déclaration à l’ASP et à la
          DDETS), à ne pas diffuser au-delà.
        </p>
      </header>

      <section className="card asp-section" aria-labelledby="asp-profile">
        <h3 id="asp-profile">Salariés en insertion ayant travaillé (BenefSorties)</h3>
        <table className="data-table asp-table">
          <thead>
            <tr>
              <th scope="col">Rubrique</th>
              <th scope="col" className="num">
                Valeur
              </th>
            </tr>
          </thead>
          <tbody>
            {data.profile.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.label}</th>
                <td className="num">{formatCount(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card asp-section" aria-labelledby="asp-exits">
        <h3 id="asp-exits">Sorties comptabilisées par catégorie et motif</h3>
        <table className="data-table asp-table">
          <thead>
            <tr>
              <th scope="col">Catégorie</th>
              <th scope="col">Motif</th>
              <th scope="col" className="num">
                Sorties
              </th>
            </tr>
          </thead>
          <tbody>
            {data.exitsByCategory.map((c) => {
              const motifs = data.exitsByMotif.filter((m) => m.category === c.category);
              return [
                <tr key={c.category} className="stats-total">
                  <th scope="row">{c.label}</th>
                  <td>Tous motifs</td>
                  <td className="num">{formatCount(c.count)}</td>
                </tr>,
                ...motifs.map((m) => (
                  <tr key={m.motif}>
                    <td />
                    <td>{m.label}</td>
                    <td className="num">{formatCount(m.count)}</td>
                  </tr>
                )),
              ];
            })}
          </tbody>
        </table>
      </section>

      <section className="card asp-section" aria-labelledby="asp-freins">
        <h3 id="asp-freins">Freins périphériques par annexe financière</h3>
        {data.freins.length === 0 ? <p className="muted">Aucun frein ouvert sur la période.</p> : null}
        {data.freins.map((g) => (
          <table key={g.annexeId ?? 'none'} className="data-table asp-table">
            <caption>{g.annexeLabel}</caption>
            <thead>
              <tr>
                <th scope="col">Type de frein</th>
                <th scope="col" className="num">
                  Salariés concernés
                </th>
                <th scope="col" className="num">
                  Accompagnés en interne
                </th>
                <th scope="col" className="num">
                  Accompagnés en externe
                </th>
                <th scope="col" className="num">
                  En interne et en externe
                </th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.type}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{formatCount(r.concerned)}</td>
                  <td className="num">{formatCount(r.internalOnly)}</td>
                  <td className="num">{formatCount(r.externalOnly)}</td>
                  <td className="num">{formatCount(r.internalAndExternal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <p className="muted asp-note">
          Interne, externe et «&nbsp;interne et externe&nbsp;» s’excluent&nbsp;: une personne accompagnée des deux façons n’est comptée que dans la dernière
          colonne (à confirmer avec l’ASP).
        </p>
      </section>
    </div>
  );
}
