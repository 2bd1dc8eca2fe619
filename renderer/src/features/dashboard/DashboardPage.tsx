import { useEffect, useState } from 'react';
import { alertCodeLabels, type AlertSeverity } from '../../../../shared/domain/alerts';
import type { Dashboard } from '../../../../shared/ipc/dashboard';
import { call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { SeverityBadge } from '../../components/SeverityBadge';
import { SelectField } from '../../components/forms/SelectField';
import { formatCount, formatDateLong, formatDateShort } from '../../lib/format';
import { hrefFor } from '../../router';
import { useSession } from '../../state/session';
import { DEFAULT_FILTERS, useCaseloadFilters } from '../salaries/caseloadFilters';
import { referentOptions, useReferents } from '../settings/useReferents';

type DashboardAlert = Dashboard['alerts'][number];

const severityRank: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Most urgent first; among equals, the nearest date first (undated last). */
function byUrgency(a: DashboardAlert, b: DashboardAlert): number {
  return severityRank[a.severity] - severityRank[b.severity] || (a.date ?? '9999').localeCompare(b.date ?? '9999');
}

/** `14:30` → `14 h 30`, `09:00` → `9 h` (French typography). */
function formatTime(time: string): string {
  const [h, m] = time.split(':');
  const hours = String(Number(h));
  return m && m !== '00' ? `${hours} h ${m}` : `${hours} h`;
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n > 1 ? many : one}`;
}

export function DashboardPage() {
  const myReferentId = useSession((s) => s.myReferentId);
  const setMyReferentId = useSession((s) => s.setMyReferentId);
  const { referents } = useReferents();
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    call('dashboard.get', { referentId: myReferentId })
      .then((d) => {
        if (!cancelled) setData(d);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : 'Le tableau de bord n’a pas pu être chargé.');
      });
    return () => {
      cancelled = true;
    };
  }, [myReferentId]);

  const referentChoices = referentOptions(referents, myReferentId);
  const referentName = referents?.find((r) => r.id === myReferentId)?.displayName ?? null;
  const picker =
    referentChoices.length > 0 ? (
      <SelectField
        label="Mon portefeuille"
        emptyLabel="Toute la structure"
        options={referentChoices}
        value={myReferentId ?? ''}
        onChange={(e) => setMyReferentId(e.target.value || null)}
      />
    ) : null;

  if (error) {
    return (
      <>
        <PageHeader title="Tableau de bord" />
        <p className="form-error" role="alert">
          {error}
        </p>
      </>
    );
  }
  if (!data) {
    return (
      <>
        <PageHeader title="Tableau de bord" />
        <p aria-busy="true">Chargement…</p>
      </>
    );
  }

  const { counts } = data;
  const year = data.today.slice(0, 4);
  const empty = counts.enParcours === 0 && counts.entriesThisYear === 0 && counts.exitsThisYear === 0 && data.alerts.length === 0;
  const alerts = [...data.alerts].sort(byUrgency);

  return (
    <>
      <PageHeader title="Tableau de bord" actions={picker ? <div className="dashboard-picker">{picker}</div> : undefined} />
      <p className="muted dashboard-intro">
        Aujourd’hui, {formatDateLong(data.today)}
        {referentName ? ` — portefeuille de ${referentName}` : ' — toute la structure'}.
      </p>
      {empty ? (
        <EmptyState
          title="Votre portefeuille est vide"
          action={
            <a className="button primary" href={hrefFor('salaries')}>
              Aller aux salariés
            </a>
          }
        >
          <p>
            {referentName
              ? `Aucun salarié en parcours n’a ${referentName} pour référent. `
              : ''}
            Ici s’afficheront chaque matin vos salariés en parcours, les alertes (fin de PASS IAE, entretien à prévoir,
            frein sans action) et les rendez-vous de la semaine. Commencez par créer la fiche d’un premier salarié ou par
            importer votre liste.
          </p>
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="counts-title">
            <h2 id="counts-title" className="visually-hidden">
              Chiffres clés
            </h2>
            <dl className="stat-cards">
              <div className="stat-card">
                <dt>Salariés en parcours</dt>
                <dd>
                  <a
                    href={hrefFor('salaries')}
                    aria-label={`${formatCount(counts.enParcours)}\u00a0: voir la liste`}
                    onClick={() => useCaseloadFilters.getState().set({ ...DEFAULT_FILTERS, referentId: myReferentId })}
                  >
                    {formatCount(counts.enParcours)}
                  </a>
                </dd>
              </div>
              <div className="stat-card">
                <dt>Entrées en {year}</dt>
                <dd>{formatCount(counts.entriesThisYear)}</dd>
              </div>
              <div className="stat-card">
                <dt>Sorties en {year}</dt>
                <dd>{formatCount(counts.exitsThisYear)}</dd>
              </div>
              <div className="stat-card">
                <dt>PASS IAE finissant sous 60 jours</dt>
                <dd>{formatCount(counts.passEndingWithin60Days)}</dd>
              </div>
            </dl>
          </section>
          <div className="dashboard-columns">
            <section className="card" aria-labelledby="alerts-title">
              <h2 id="alerts-title">Alertes</h2>
              {alerts.length === 0 ? (
                <p className="muted">Aucune alerte&nbsp;: rien à traiter en priorité aujourd’hui.</p>
              ) : (
                <>
                  <p className="muted">
                    {data.alertTotal > alerts.length
                      ? `Les ${formatCount(alerts.length)} plus urgentes sur ${plural(data.alertTotal, 'alerte', 'alertes')}, les plus urgentes d’abord.`
                      : data.alertTotal > 1
                        ? `${plural(data.alertTotal, 'alerte', 'alertes')}, les plus urgentes d’abord.`
                        : '1 alerte.'}
                  </p>
                  <ul className="alert-list">
                    {alerts.map((alert) => (
                      <li key={`${alert.salarieId}:${alert.key}`} className="alert-item">
                        <SeverityBadge severity={alert.severity} />
                        <div className="alert-body">
                          <div>
                            <a href={hrefFor('salaries', alert.salarieId)}>{alert.salarieName}</a>
                            <span className="muted"> · {alertCodeLabels[alert.code]}</span>
                            {alert.date ? <span className="muted"> · {formatDateShort(alert.date)}</span> : null}
                            {alert.confidential ? (
                              <span className="tag">
                                <span aria-hidden="true">🔒 </span>Confidentiel
                              </span>
                            ) : null}
                          </div>
                          <div>{alert.message}</div>
                        </div>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
            <section className="card" aria-labelledby="appointments-title">
              <h2 id="appointments-title">Rendez-vous de la semaine</h2>
              {data.appointments.length === 0 ? (
                <p className="muted">Aucun rendez-vous prévu cette semaine.</p>
              ) : (
                <ul className="appointment-list">
                  {data.appointments.map((a) => (
                    <li key={a.id}>
                      <strong>
                        {formatDateLong(a.date)}
                        {a.time ? `, ${formatTime(a.time)}` : ''}
                      </strong>
                      <div>
                        {a.title}
                        {a.salarieId && a.salarieName ? (
                          <>
                            {' — '}
                            <a href={hrefFor('salaries', a.salarieId)}>{a.salarieName}</a>
                          </>
                        ) : null}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </>
      )}
    </>
  );
}
