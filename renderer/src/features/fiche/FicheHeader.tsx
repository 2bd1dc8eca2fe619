import { alertSeverityLabels } from '../../../../shared/domain/alerts';
import { contractKindLabels } from '../../../../shared/domain/contracts';
import { entretienKindLabels, type EntretienKind } from '../../../../shared/domain/entretiens';
import { passIaeStatusLabels } from '../../../../shared/domain/pass-iae';
import type { SalarieFiche } from '../../../../shared/ipc/salaries';
import type { Structure } from '../../../../shared/ipc/structure';
import { BridgeError, call } from '../../bridge';
import { formatDateShort } from '../../lib/format';
import { formatTime } from '../agenda/time';
import { hrefFor, navigate } from '../../router';
import { notifyError, useNotices } from '../../state/notices';
import { Icon } from './components/Icon';
import { useFiche } from './store';
import { currentContract, daysText, plural, siaeKindOf } from './labels';

/** PASS IAE days left at which the header turns to warning styling (same threshold as the alert). */
const PASS_WARNING_DAYS = 60;

export function fullName(fiche: SalarieFiche): string {
  return `${fiche.identity.lastName.toUpperCase()} ${fiche.identity.firstName}`;
}

/** The questions asked most, answered above the fold: who, how old, who follows them, PASS, contract, alerts. */
export function FicheHeader({ fiche, structure, today }: { fiche: SalarieFiche; structure: Structure | null; today: string }) {
  const { identity, parcours, alerts } = fiche;
  const name = fullName(fiche);
  const notify = useNotices((s) => s.notify);
  const requestFocus = useFiche((s) => s.requestFocus);

  async function remove() {
    try {
      await call('salaries.delete', { id: identity.id });
      notify({
        message: `Fiche de ${name} supprimée.`,
        tone: 'info',
        action: {
          label: 'Annuler',
          run: async () => {
            try {
              await call('salaries.restore', { id: identity.id });
              navigate('salaries', identity.id);
            } catch (error) {
              notifyError(error instanceof BridgeError ? error.message : 'La fiche n’a pas pu être restaurée.');
            }
          },
        },
      });
      navigate('salaries');
    } catch (error) {
      notifyError(error instanceof BridgeError ? error.message : 'La fiche n’a pas pu être supprimée.');
    }
  }

  return (
    <div className="fiche-header">
      <div className="fiche-title-row">
        <h1 tabIndex={-1} id="page-title">
          {name}
        </h1>
        <AlertsDisclosure alerts={alerts} />
        <div className="page-actions">
          <button
            type="button"
            onClick={() => {
              requestFocus('identity');
              navigate('salaries', identity.id, 'situation');
            }}
          >
            Modifier l’identité
          </button>
          {/* RGPD (features/rgpd): access / portability export of everything held about this salarié. */}
          <a className="button" href={hrefFor('parametres', 'rgpd', identity.id)}>
            Exporter les données (RGPD)
          </a>
          {/* end RGPD */}
          <button type="button" className="danger" onClick={() => void remove()}>
            Supprimer la fiche
          </button>
        </div>
      </div>
      <dl className="fiche-facts">
        <div className="fact">
          <dt>Âge</dt>
          <dd>{fiche.age !== null ? `${fiche.age} ans` : 'Date de naissance non renseignée'}</dd>
        </div>
        <div className="fact">
          <dt>Référent</dt>
          <dd>{identity.referentName ?? 'Non attribué'}</dd>
        </div>
        <div className="fact">
          <dt>Statut</dt>
          <dd>
            {identity.status === 'sorti' ? (
              <span className="status status-out">Sorti·e le {formatDateShort(parcours.sortie?.exitDate)}</span>
            ) : (
              <span className="status status-current">
                En parcours{identity.entryDate ? ` depuis le ${formatDateShort(identity.entryDate)}` : ''}
              </span>
            )}
          </dd>
        </div>
        <PassFact fiche={fiche} />
        <div className="fact">
          <dt>Structure · contrat</dt>
          <dd>
            <ContractSummary fiche={fiche} structure={structure} today={today} />
          </dd>
        </div>
        <ComingUpFact fiche={fiche} />
      </dl>
    </div>
  );
}

function PassFact({ fiche }: { fiche: SalarieFiche }) {
  const pass = fiche.parcours.passIae;
  if (!pass) {
    return (
      <div className="fact">
        <dt>PASS IAE</dt>
        <dd>Aucun PASS IAE enregistré</dd>
      </div>
    );
  }
  const expired = pass.status === 'EXPIRED' || pass.remainingDays <= 0;
  const warning = !expired && pass.remainingDays <= PASS_WARNING_DAYS;
  return (
    <div className={`fact fact-pass${warning ? ' is-warning' : ''}${expired ? ' is-critical' : ''}`} data-testid="header-pass">
      <dt>PASS IAE</dt>
      <dd>
        {expired ? (
          <strong>Expiré le {formatDateShort(pass.effectiveEndDate)}</strong>
        ) : (
          <>
            <span className="pass-line">
              <strong className="pass-days">{daysText(pass.remainingDays)} restants</strong>
              {warning ? <span className="badge badge-warning">Fin proche</span> : null}
            </span>
            <span className="fact-sub">
              {passIaeStatusLabels[pass.status]} · fin le {formatDateShort(pass.effectiveEndDate)}
            </span>
          </>
        )}
      </dd>
    </div>
  );
}

function ContractSummary({ fiche, structure, today }: { fiche: SalarieFiche; structure: Structure | null; today: string }) {
  const kind = siaeKindOf(fiche, structure, today);
  const contract = currentContract(fiche.parcours.contracts, today);
  const parts: string[] = [];
  if (kind) parts.push(kind);
  if (!contract) parts.push('aucun contrat');
  else if (contract.startDate > today) parts.push(`${contractKindLabels[contract.kind]} à partir du ${formatDateShort(contract.startDate)}`);
  else if (contract.endDate === null) parts.push(`${contractKindLabels[contract.kind]} sans date de fin`);
  else if (contract.endDate < today) parts.push(`dernier contrat terminé le ${formatDateShort(contract.endDate)}`);
  else parts.push(`${contractKindLabels[contract.kind]} jusqu’au ${formatDateShort(contract.endDate)}`);
  return <>{parts.join(' · ')}</>;
}

/** What comes next, in one column so the header keeps to one row at 1366 px: the next rendez-vous, then the next action. */
function ComingUpFact({ fiche }: { fiche: SalarieFiche }) {
  const appointment = fiche.nextEntretien;
  const action = fiche.parcours.actions.filter((a) => a.doneDate === null).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  return (
    <div className="fact">
      <dt>À venir</dt>
      <dd>
        {appointment ? (
          <a href={hrefFor('agenda', 'entretien', appointment.id)}>
            RDV {entretienKindLabels[appointment.kind as EntretienKind]?.toLowerCase() ?? appointment.kind} le {formatDateShort(appointment.date)}
            {appointment.startTime ? ` à ${formatTime(appointment.startTime)}` : ''}
          </a>
        ) : (
          'Aucun rendez-vous prévu'
        )}
        <span className="fact-sub">
          {action ? (
            <>
              {action.label} — {formatDateShort(action.dueDate)}
              {action.overdue ? <span className="badge badge-critical">En retard</span> : null}
            </>
          ) : (
            'Aucune action prévue'
          )}
        </span>
      </dd>
    </div>
  );
}

const severityOrder = { critical: 0, warning: 1, info: 2 } as const;

function AlertsDisclosure({ alerts }: { alerts: SalarieFiche['alerts'] }) {
  if (alerts.length === 0) return <p className="fiche-alerts fiche-alerts-none">Aucune alerte</p>;
  // The list is absolutely positioned so opening it never pushes the tabs below the fold.
  const sorted = [...alerts].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
  const urgent = alerts.filter((a) => a.severity === 'critical').length;
  return (
    <details
      className={`fiche-alerts${urgent > 0 ? ' has-critical' : ''}`}
      onKeyDown={(event) => {
        // Échap closes the list like any popup, and gives focus back to its summary.
        if (event.key === 'Escape' && event.currentTarget.open) {
          event.currentTarget.open = false;
          event.currentTarget.querySelector('summary')?.focus();
        }
      }}
    >
      <summary>
        <Icon name="alert" />
        <span>
          {plural(alerts.length, 'alerte')}
          {urgent > 0 ? ` dont ${plural(urgent, 'urgente')}` : ''}
        </span>
      </summary>
      <ul>
        {sorted.map((alert) => (
          <li key={alert.key}>
            <span className={`badge badge-${alert.severity}`}>{alertSeverityLabels[alert.severity]}</span>{' '}
            {alert.confidential ? <Icon name="lock" /> : null} {alert.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
