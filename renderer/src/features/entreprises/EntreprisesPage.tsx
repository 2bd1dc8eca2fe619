import { useState } from 'react';
import { ORGANISATION_KINDS, organisationKindLabels, type OrganisationKind } from '../../../../shared/domain/entretiens';
import { call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { formatCount, formatDateShort } from '../../lib/format';
import { useDebouncedLoad } from '../../lib/useDebouncedLoad';
import { hrefFor } from '../../router';
import { organisationHref } from '../entretiens/links';

const PAGE = 100;

/** The partners directory: who we work with, and how much (contacts, immersions, hires, tripartites). */
export function EntreprisesPage() {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<OrganisationKind | null>(null);
  const [limit, setLimit] = useState(PAGE);

  const { result, error } = useDebouncedLoad(
    () => call('partners.list', { query: query.trim().slice(0, 100), kind, limit, offset: 0 }),
    [query, kind, limit],
    'Le répertoire n’a pas pu être chargé. Réessayez.',
  );

  const filtered = query.trim() !== '' || kind !== null;

  return (
    <>
      <PageHeader
        title="Entreprises"
        actions={
          <a className="button primary" href={hrefFor('entreprises', 'nouvelle')}>
            Nouvelle organisation
          </a>
        }
      />
      <div className="toolbar" role="search" aria-label="Rechercher dans le répertoire">
        <Field
          label="Rechercher"
          type="search"
          value={query}
          autoComplete="off"
          placeholder="Nom de l’organisation"
          onChange={(e) => {
            setQuery(e.target.value);
            setLimit(PAGE);
          }}
        />
        <SelectField
          label="Type"
          options={optionsFrom(ORGANISATION_KINDS, organisationKindLabels)}
          emptyLabel="Tous les types"
          value={kind ?? ''}
          onChange={(e) => {
            setKind((e.target.value || null) as OrganisationKind | null);
            setLimit(PAGE);
          }}
        />
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {result === null && !error ? <p aria-busy="true">Chargement du répertoire…</p> : null}
      {result ? (
        <p className="count" role="status">
          {formatCount(result.total)} organisation{result.total > 1 ? 's' : ''}
          {filtered ? ' correspondant à la recherche' : ''}
        </p>
      ) : null}
      {result && result.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="Aucune organisation ne correspond">
            <p>Vérifiez l’orthographe ou retirez le filtre de type.</p>
          </EmptyState>
        ) : (
          <EmptyState
            title="Aucun partenaire enregistré"
            action={
              <a className="button primary" href={hrefFor('entreprises', 'nouvelle')}>
                Nouvelle organisation
              </a>
            }
          >
            <p>
              Votre répertoire d’entreprises, d’associations et de prescripteurs apparaîtra ici, avec leurs contacts et l’historique des
              immersions, des embauches et des entretiens tripartites. Un partenaire s’ajoute aussi en saisissant un nouveau contact
              dans un entretien.
            </p>
          </EmptyState>
        )
      ) : null}
      {result && result.rows.length > 0 ? (
        <table className="data-table partners-table">
          <caption className="visually-hidden">Organisations partenaires</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">Commune</th>
              <th scope="col" className="num">
                Contacts
              </th>
              <th scope="col" className="num">
                Immersions
              </th>
              <th scope="col" className="num">
                Embauches
              </th>
              <th scope="col" className="num">
                Tripartites
              </th>
              <th scope="col">Dernier contact</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <a href={organisationHref(row.id)}>{row.name}</a>
                </th>
                <td>{organisationKindLabels[row.kind]}</td>
                <td>{row.communeName ?? '—'}</td>
                <td className="num">{formatCount(row.contactCount)}</td>
                <td className="num">{formatCount(row.immersionsHosted)}</td>
                <td className="num">{formatCount(row.hires)}</td>
                <td className="num">{formatCount(row.tripartiteCount)}</td>
                <td>{row.lastContactDate ? formatDateShort(row.lastContactDate) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result && result.rows.length < result.total && limit < 500 ? (
        <button type="button" className="load-more" onClick={() => setLimit((l) => Math.min(500, l + PAGE))}>
          Afficher plus d’organisations
        </button>
      ) : null}
    </>
  );
}
