import { useState } from 'react';
import { periodRange, type StatsPeriod } from '../../../../shared/indicators/period';
import type { StatsPreview } from '../../../../shared/ipc/stats';
import { call } from '../../bridge';
import { formatCount, formatDateShort } from '../../lib/format';
import { notifyError, notifySaved } from '../../state/notices';
import { downloadText } from '../agenda/download';
import { PreviewTableView } from './PreviewTableView';
import { StatsProgress } from './Progress';
import { useStatsCall } from './useStatsCall';

function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Hidden cells grouped by table, then by reason (same order as the bundle). */
function groupHidden(cells: StatsPreview['hiddenCells']) {
  const groups: Array<{ tableId: string; tableTitle: string; reasons: Array<{ reason: string; cells: string[] }> }> = [];
  for (const h of cells) {
    let group = groups.find((g) => g.tableId === h.tableId);
    if (!group) groups.push((group = { tableId: h.tableId, tableTitle: h.tableTitle, reasons: [] }));
    let reason = group.reasons.find((r) => r.reason === h.reason);
    if (!reason) group.reasons.push((reason = { reason: h.reason, cells: [] }));
    reason.cells.push(h.cellLabel);
  }
  return groups;
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n > 1 ? many : one}`;
}

/**
 * « Aperçu de l’envoi »: exactly what would leave the laptop — the bundle's tables with their
 * secret cells and the reason of each, the tables not released and why — then the confirmation
 * that stores it as the period's next revision (the sync feature sends it).
 */
export function PreviewView({ period }: { period: StatsPeriod }) {
  const { data, error, loading, progress, reload } = useStatsCall('stats.preview', period);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  if (error) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  if (!data) return <StatsProgress progress={progress} label="Préparation de l’aperçu" />;

  const range = periodRange(period);
  const open = range.end >= todayIso();
  const released = data.tables.filter((t) => t.status === 'released');

  async function confirm() {
    if (!data) return;
    setConfirming(true);
    setStatus(null);
    try {
      const result = await call('stats.confirm', { period, bundleId: data.bundleId, contentDigest: data.contentDigest });
      const message = result.created
        ? `Révision ${result.revision} enregistrée\u00a0: elle partira au siège régional à la prochaine synchronisation.`
        : `Ces statistiques étaient déjà enregistrées (révision ${result.revision})\u00a0: rien n’a changé.`;
      setStatus(message);
      notifySaved(message);
      reload();
    } catch (e) {
      notifyError(e instanceof Error ? e.message : 'L’enregistrement a échoué.');
    } finally {
      setConfirming(false);
    }
  }

  return (
    <div aria-busy={loading}>
      {loading ? <StatsProgress progress={progress} label="Mise à jour de l’aperçu" /> : null}
      <section className="card stats-summary" aria-labelledby="preview-summary-title">
        <h2 id="preview-summary-title">Ce qui partira au siège régional</h2>
        <p>
          Des tableaux de chiffres, sans aucun nom, aucune date précise ni aucun numéro (SIRET, NIR)&nbsp;: votre structure y figure sous un
          identifiant aléatoire, avec son type de SIAE et sa région.
        </p>
        <dl className="facts">
          <dt>Période</dt>
          <dd>
            {data.periodLabel} (du {formatDateShort(range.start)} au {formatDateShort(range.end)})
          </dd>
          <dt>Révision</dt>
          <dd>
            {data.revision}
            {data.existing ? ' — déjà enregistrée, identique' : data.storedRevision ? ` — remplacera la révision ${data.storedRevision}` : ' — première pour cette période'}
          </dd>
          <dt>Structure</dt>
          <dd>
            <code>{data.structure.structureId}</code>, {data.structure.siaeKind}, région {data.structure.regionCode}
          </dd>
          <dt>Contenu</dt>
          <dd>
            {plural(released.length, 'tableau diffusé', 'tableaux diffusés')}, {plural(data.hiddenCells.length, 'case secrète', 'cases secrètes')},{' '}
            {plural(data.withheld.length, 'tableau non diffusé', 'tableaux non diffusés')}
          </dd>
          <dt>Contrôle de confidentialité</dt>
          <dd className={data.audit.laptopPassed && data.audit.hubPassed ? 'stats-ok' : 'stats-ko'}>
            {data.audit.laptopPassed && data.audit.hubPassed
              ? 'Réussi\u00a0: aucune case secrète ne peut être recalculée, ni ici ni par le siège régional.'
              : `Échec\u00a0: ${data.audit.problems.join(' ') || 'une case secrète resterait calculable.'}`}
          </dd>
        </dl>
        {open ? (
          <p className="stats-warning">
            Cette période n’est pas terminée&nbsp;: les chiffres peuvent encore changer, et le siège régional n’acceptera l’envoi qu’après le{' '}
            {formatDateShort(range.end)}.
          </p>
        ) : null}
        <div className="form-actions no-print">
          {data.existing ? (
            <p className="muted">Cette version est déjà enregistrée pour l’envoi&nbsp;: il n’y a rien à confirmer.</p>
          ) : (
            <button type="button" className="primary" disabled={confirming || loading || !data.audit.hubPassed} onClick={() => void confirm()}>
              {confirming ? 'Enregistrement…' : `Confirmer et enregistrer la révision ${data.revision}`}
            </button>
          )}
          <button
            type="button"
            onClick={() => downloadText(`statistiques-${period.year}-${period.kind}-${period.index}-r${data.revision}.json`, data.bundleJson, 'application/json')}
          >
            Télécharger le fichier exact
          </button>
          <span className="form-status" role="status" aria-live="polite">
            {status}
          </span>
        </div>
      </section>

      <section className="card" aria-labelledby="hidden-cells-title">
        <h2 id="hidden-cells-title">Cases secrètes et pourquoi</h2>
        {data.hiddenCells.length === 0 ? (
          <p className="muted">Aucune case n’est masquée pour cette période.</p>
        ) : (
          <>
            <p className="muted">
              Chaque case masquée apparaît «&nbsp;secret&nbsp;» dans les tableaux ci-dessous, et sa raison s’affiche au survol ou quand elle reçoit le
              focus clavier. Les voici regroupées par tableau et par raison.
            </p>
            <ul className="stats-reasons">
              {groupHidden(data.hiddenCells).map((g) => (
                <li key={g.tableId}>
                  <strong>{g.tableTitle}</strong>
                  <ul>
                    {g.reasons.map((r) => (
                      <li key={r.reason}>
                        <span className="stats-cell-list">{r.cells.join(' ; ')}</span> — {r.reason}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
        {data.withheld.length > 0 ? (
          <>
            <h3>Tableaux non diffusés</h3>
            <ul className="stats-reasons">
              {data.withheld.map((w) => (
                <li key={w.tableId}>
                  <strong>{w.tableTitle}</strong>&nbsp;: {w.reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {data.unavailable.length > 0 ? (
          <>
            <h3>Tableaux absents de l’envoi</h3>
            <ul className="stats-reasons">
              {data.unavailable.map((u) => (
                <li key={u.id}>
                  <strong>{u.title}</strong>&nbsp;: {u.reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="preview-tables-title">
        <h2 id="preview-tables-title">Les tableaux envoyés</h2>
        {data.tables.map((t) => (
          <PreviewTableView key={t.id} table={t} />
        ))}
      </section>

      <details className="card stats-json">
        <summary>Voir le fichier exact ({formatCount(new TextEncoder().encode(data.bundleJson).length)} octets, format JSON canonique)</summary>
        <pre tabIndex={0}>{data.bundleJson}</pre>
      </details>
    </div>
  );
}
