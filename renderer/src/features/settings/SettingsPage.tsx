import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { AppSettings } from '../../../../shared/ipc/settings';
import { BridgeError, call } from '../../bridge';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { zodResolver } from '../../lib/zod-resolver';
import { hrefFor, useLocation } from '../../router';
import { useSession } from '../../state/session';
import { ImportPage } from '../import/ImportPage';
// RGPD sub-pages (features/rgpd): Conservation des données, Journal des opérations.
import { AuditLogPage } from '../rgpd/AuditLogPage';
import { RetentionPage } from '../rgpd/RetentionPage';
import { ChangePassphraseForm } from '../session/ChangePassphraseForm';
import { BackupsSection } from './BackupsSection';
import { ReferentsSection } from './ReferentsSection';
import { StructureSection } from './StructureSection';

const LockSettings = AppSettings.pick({ autoLockMinutes: true });

/** `#/parametres` and `#/parametres/import` (the CSV imports, see ImportPage). */
export function SettingsPage() {
  const { params } = useLocation();
  const sub = params[0] ?? null;
  // Same top-level route: the layout does not move focus, so the page does it for keyboard and screen-reader users.
  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, [sub]);
  // RGPD: `#/parametres/conservation` and `#/parametres/journal`.
  if (sub === 'conservation') return <div className="settings-page"><RetentionPage /></div>;
  if (sub === 'journal') return <div className="settings-page"><AuditLogPage /></div>;
  return <div className="settings-page">{sub === 'import' ? <ImportPage /> : <GeneralSettings />}</div>;
}

function GeneralSettings() {
  const refresh = useSession((s) => s.refresh);
  const [message, setMessage] = useState('');
  const [info, setInfo] = useState<{ version: string; databaseFile: string } | null>(null);
  const { register, handleSubmit, reset, formState, setError } = useForm({
    resolver: zodResolver(LockSettings),
    defaultValues: { autoLockMinutes: 10 },
  });

  useEffect(() => {
    void call('settings.get', {}).then((s) => reset({ autoLockMinutes: s.autoLockMinutes }));
    void call('app.info', {}).then(setInfo);
  }, [reset]);

  const onSubmit = handleSubmit(async (values) => {
    setMessage('');
    try {
      await call('settings.update', values);
      await refresh();
      setMessage('Enregistré.');
    } catch (error) {
      if (error instanceof BridgeError) setError('autoLockMinutes', { message: error.message });
    }
  });

  return (
    <>
      <PageHeader title="Paramètres" />
      <StructureSection />
      <ReferentsSection />
      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">Données</h2>
        <p>Reprenez votre liste de salariés depuis un tableur (CSV), ou ajoutez le référentiel complet des métiers ROME.</p>
        <a className="button" href={hrefFor('parametres', 'import')}>
          Importer des données
        </a>
      </section>
      {/* RGPD (features/rgpd) */}
      <section className="card" aria-labelledby="rgpd-title">
        <h2 id="rgpd-title">Protection des données (RGPD)</h2>
        <p>Durées de conservation, dossiers à anonymiser ou à purger, et journal des opérations (lectures confidentielles, exports).</p>
        <div className="form-actions">
          <a className="button" href={hrefFor('parametres', 'conservation')}>
            Conservation des données
          </a>
          <a className="button" href={hrefFor('parametres', 'journal')}>
            Journal des opérations
          </a>
        </div>
      </section>
      <BackupsSection />
      <section className="card" aria-labelledby="lock-title">
        <h2 id="lock-title">Verrouillage automatique</h2>
        <form onSubmit={onSubmit} noValidate>
          <Field
            label="Verrouiller après (minutes d’inactivité)"
            type="number"
            inputMode="numeric"
            min={1}
            max={240}
            error={formState.errors.autoLockMinutes?.message}
            {...register('autoLockMinutes', { valueAsNumber: true })}
          />
          <button type="submit" className="primary">
            Enregistrer
          </button>
          <p role="status" className="form-status">
            {message}
          </p>
        </form>
      </section>
      <section className="card" aria-labelledby="passphrase-title">
        <h2 id="passphrase-title">Phrase de passe</h2>
        <p>Changer la phrase de passe est immédiat : vos données ne sont pas rechiffrées. Le code de secours reste valable.</p>
        <ChangePassphraseForm requireCurrent onDone={() => undefined} />
      </section>
      {info ? (
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">À propos</h2>
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Fichier de données (chiffré)</dt>
            <dd>
              <code>{info.databaseFile}</code>
            </dd>
          </dl>
        </section>
      ) : null}
    </>
  );
}
