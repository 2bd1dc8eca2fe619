import { useState, type FormEvent } from 'react';
import { entretienKindLabels, entretienStatusLabels } from '../../../../shared/domain/entretiens';
import type { AgendaEvent } from '../../../../shared/ipc/agenda';
import { BridgeError, call } from '../../bridge';
import { DateField } from '../../components/forms/DateField';
import { formatDateLong } from '../../lib/format';
import { hrefFor } from '../../router';
import { entretienHref, markHeldHref, printEntretienHref, salarieHref } from '../entretiens/links';
import { formatDuration, formatTime, parseTypedTime } from './time';

type Step = 'menu' | 'move' | 'missed';

/**
 * What can be done with one appointment, all by keyboard: mark it held (opens the form pre-filled),
 * mark it missed with a reason, move it (date and time typed), open or print it.
 */
export function EventActions({ event, onChanged, onClose }: { event: AgendaEvent; onChanged(message: string): void; onClose(): void }) {
  const [step, setStep] = useState<Step>('menu');
  const isEntretien = event.source === 'entretien';
  const planned = event.status === 'planifie';

  return (
    <div className="event-actions">
      <dl className="facts">
        <dt>Date</dt>
        <dd>
          {formatDateLong(event.date)}
          {event.startTime ? ` à ${formatTime(event.startTime)}` : ''}
          {event.durationMinutes ? ` (${formatDuration(event.durationMinutes)})` : ''}
        </dd>
        {event.salarieName ? (
          <>
            <dt>Salarié·e</dt>
            <dd>{event.salarieId ? <a href={salarieHref(event.salarieId)}>{event.salarieName}</a> : event.salarieName}</dd>
          </>
        ) : null}
        {event.kind ? (
          <>
            <dt>Type</dt>
            <dd>{entretienKindLabels[event.kind]}</dd>
          </>
        ) : null}
        {event.status ? (
          <>
            <dt>Statut</dt>
            <dd>{entretienStatusLabels[event.status]}</dd>
          </>
        ) : null}
        {event.place ? (
          <>
            <dt>Lieu</dt>
            <dd>{event.place}</dd>
          </>
        ) : null}
        {event.thirdParties.length ? (
          <>
            <dt>Tiers</dt>
            <dd>{event.thirdParties.join(', ')}</dd>
          </>
        ) : null}
      </dl>

      {step === 'menu' && isEntretien ? (
        <div className="form-actions wrap">
          {planned ? (
            <a className="button primary" href={markHeldHref(event.id)} onClick={onClose}>
              Marquer tenu
            </a>
          ) : null}
          {planned ? (
            <button type="button" onClick={() => setStep('missed')}>
              Marquer manqué
            </button>
          ) : null}
          {planned ? (
            <button type="button" onClick={() => setStep('move')}>
              Déplacer
            </button>
          ) : null}
          <a className="button" href={entretienHref(event.id)} onClick={onClose}>
            Ouvrir l’entretien
          </a>
          {event.status === 'tenu' ? (
            <a className="button" href={printEntretienHref(event.id)} onClick={onClose}>
              Imprimer le compte-rendu
            </a>
          ) : null}
        </div>
      ) : null}
      {!isEntretien && event.immersionId ? (
        <div className="form-actions">
          <a className="button primary" href={hrefFor('immersions', event.immersionId)} onClick={onClose}>
            Ouvrir l’immersion
          </a>
        </div>
      ) : null}
      {step === 'move' ? <MoveForm event={event} onDone={onChanged} onBack={() => setStep('menu')} /> : null}
      {step === 'missed' ? <MissedForm event={event} onDone={onChanged} onBack={() => setStep('menu')} /> : null}
    </div>
  );
}

function MoveForm({ event, onDone, onBack }: { event: AgendaEvent; onDone(message: string): void; onBack(): void }) {
  const [date, setDate] = useState<string | null>(event.date);
  const [time, setTime] = useState(event.startTime ?? '');
  const [error, setError] = useState<{ field: 'date' | 'time' | 'form'; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!date || date.startsWith('invalide:')) {
      setError({ field: 'date', message: 'Date invalide. Saisissez-la sous la forme JJ/MM/AAAA.' });
      return;
    }
    const startTime = parseTypedTime(time);
    if (startTime !== null && !/^\d{2}:\d{2}$/.test(startTime)) {
      setError({ field: 'time', message: 'Heure invalide (ex. 14:30).' });
      return;
    }
    setSaving(true);
    try {
      await call('entretiens.move', { id: event.id, date, startTime });
      onDone(`Rendez-vous déplacé au ${formatDateLong(date)}${startTime ? ` à ${formatTime(startTime)}` : ''}.`);
    } catch (err) {
      setError({ field: 'form', message: err instanceof BridgeError ? err.message : 'Le rendez-vous n’a pas pu être déplacé. Réessayez.' });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Déplacer le rendez-vous">
      <h3>Déplacer le rendez-vous</h3>
      <div className="form-row">
        <DateField label="Nouvelle date" required value={date} onChange={setDate} autoFocus error={error?.field === 'date' ? error.message : undefined} />
        <div className="field">
          <label htmlFor="move-time">Nouvelle heure</label>
          <input
            id="move-time"
            type="text"
            autoComplete="off"
            value={time}
            onChange={(e) => setTime(e.target.value)}
            aria-invalid={error?.field === 'time' ? true : undefined}
            aria-describedby={error?.field === 'time' ? 'move-time-error' : undefined}
          />
          {error?.field === 'time' ? (
            <div id="move-time-error" className="field-error" role="alert">
              {error.message}
            </div>
          ) : null}
        </div>
      </div>
      {error?.field === 'form' ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          Déplacer
        </button>
        <button type="button" onClick={onBack}>
          Retour
        </button>
      </div>
    </form>
  );
}

function MissedForm({ event, onDone, onBack }: { event: AgendaEvent; onDone(message: string): void; onBack(): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim() === '') {
      setError('Motif : champ obligatoire.');
      return;
    }
    setSaving(true);
    try {
      await call('entretiens.markMissed', { id: event.id, reason });
      onDone('Rendez-vous marqué manqué.');
    } catch (err) {
      setError(err instanceof BridgeError ? err.message : 'Le rendez-vous n’a pas pu être enregistré. Réessayez.');
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Marquer le rendez-vous manqué">
      <h3>Rendez-vous manqué</h3>
      <div className="field">
        <label htmlFor="missed-reason">Motif</label>
        <input
          id="missed-reason"
          type="text"
          autoFocus
          autoComplete="off"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`missed-reason-hint${error ? ' missed-reason-error' : ''}`}
        />
        <div id="missed-reason-hint" className="field-hint">
          Ex. : absent sans prévenir, malade, empêchement de l’employeur.
        </div>
        {error ? (
          <div id="missed-reason-error" className="field-error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          Enregistrer le motif
        </button>
        <button type="button" onClick={onBack}>
          Retour
        </button>
      </div>
    </form>
  );
}
