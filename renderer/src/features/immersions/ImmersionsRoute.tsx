import { EVALUATION_KINDS } from '../../../../shared/domain/immersions';
import { useLocation } from '../../router';
import { EvaluationPage } from './EvaluationPage';
import { ImmersionPage } from './ImmersionPage';
import { ImmersionsPage } from './ImmersionsPage';
import './immersions.css';
import { IMMERSION_TABS } from './links';
import { PrepareImmersionPage } from './PrepareImmersionPage';
import { TemplatePage } from './TemplateEditor';
import { TemplatesPage } from './TemplatesPage';

/**
 * `#/immersions` (list), `#/immersions/nouvelle[/<salarieId>]`, `#/immersions/modeles[/<id>[/<version>]|/nouveau]`,
 * `#/immersions/<id>[/<onglet>]`, `#/immersions/<id>/evaluation/<evaluationId|nouvelle>[/finale]`.
 */
export function ImmersionsRoute() {
  const { params } = useLocation();
  const [first, second, third, fourth] = params;
  if (!first) return <ImmersionsPage />;
  if (first === 'nouvelle') return <PrepareImmersionPage salarieId={second ?? null} />;
  if (first === 'modeles') {
    if (!second) return <TemplatesPage />;
    if (second === 'nouveau') return <TemplatePage id={null} version={null} />;
    const version = third && /^\d+$/.test(third) ? Number(third) : null;
    return <TemplatePage id={second} version={version} />;
  }
  if (second === 'evaluation' && third) {
    const kind = EVALUATION_KINDS.find((k) => k === fourth) ?? 'hebdomadaire';
    return <EvaluationPage immersionId={first} evaluationId={third === 'nouvelle' ? null : third} kind={kind} />;
  }
  const tab = IMMERSION_TABS.find((t) => t.slug === second)?.slug ?? 'suivi';
  return <ImmersionPage id={first} tab={tab} />;
}
