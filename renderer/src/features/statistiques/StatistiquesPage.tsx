import { useEffect, useState } from 'react';
import { call } from '../../bridge';
import { PageHeader } from '../../components/PageHeader';
import { hrefFor, useLocation } from '../../router';
import { AspReportView } from './AspReportView';
import { IndicatorsView } from './IndicatorsView';
import { PeriodPicker } from './PeriodPicker';
import { PreviewView } from './PreviewView';
import { useStatsPeriod } from './store';
import './statistiques.css';

const VIEWS = [
  { param: undefined, label: 'Indicateurs de la structure' },
  { param: 'apercu', label: 'Aperçu de l’envoi' },
  { param: 'rapport-asp', label: 'Rapport ASP' },
] as const;

/** Statistiques: own indicators, the preview of what leaves for the regional office, the ASP report. */
export function StatistiquesPage() {
  const location = useLocation();
  const { period, setPeriod } = useStatsPeriod();
  const [structureName, setStructureName] = useState<string | null>(null);
  const view = VIEWS.find((v) => v.param === location.params[0]) ?? VIEWS[0];

  useEffect(() => {
    call('structure.get', {})
      .then((s) => setStructureName(s?.name ?? null))
      .catch(() => undefined);
  }, []);

  return (
    <div className={`stats-page stats-view-${view.param ?? 'indicateurs'}`}>
      <PageHeader title="Statistiques" />
      <div className="stats-toolbar no-print">
        <PeriodPicker period={period} onChange={setPeriod} />
        <nav className="stats-views" aria-label="Vues des statistiques">
          {VIEWS.map((v) => (
            <a key={v.label} href={v.param ? hrefFor('statistiques', v.param) : hrefFor('statistiques')} aria-current={v === view ? 'page' : undefined}>
              {v.label}
            </a>
          ))}
        </nav>
      </div>
      {view.param === 'apercu' ? (
        <PreviewView period={period} />
      ) : view.param === 'rapport-asp' ? (
        <AspReportView period={period} structureName={structureName} />
      ) : (
        <IndicatorsView period={period} />
      )}
    </div>
  );
}
