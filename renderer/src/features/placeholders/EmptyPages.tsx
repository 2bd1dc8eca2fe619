import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { hrefFor } from '../../router';

/** Pages whose features are still to come: each says what will be there and where to start today. */
export function ImmersionsPage() {
  return (
    <>
      <PageHeader title="Immersions" />
      <EmptyState title="Aucune immersion en cours">
        <p>
          Les immersions (PMSMP) et leurs grilles d’évaluation apparaîtront ici, de la préparation au bilan. Une
          immersion se prépare depuis la fiche du salarié concerné.
        </p>
      </EmptyState>
    </>
  );
}

export function StatistiquesPage() {
  return (
    <>
      <PageHeader title="Statistiques" />
      <EmptyState title="Pas encore de statistiques">
        <p>
          Les indicateurs de votre structure seront calculés ici à partir de ce que vous saisissez déjà, sans ressaisie.
          Ils apparaîtront dès que des parcours seront enregistrés.
        </p>
      </EmptyState>
    </>
  );
}

export function SynchronisationPage() {
  return (
    <>
      <PageHeader title="Synchronisation" />
      <EmptyState title="Cet ordinateur n’est pas relié au siège régional">
        <p>
          Ici, vous enverrez au siège régional les statistiques anonymisées de votre structure, après en avoir vu
          l’aperçu. Aucune donnée personnelle ne quitte cet ordinateur. L’inscription auprès du siège se fera avec un
          code fourni par votre fédération.
        </p>
        <p>
          En attendant, vos données restent sur cet ordinateur : <a href={hrefFor('parametres')}>voir les paramètres</a>.
        </p>
      </EmptyState>
    </>
  );
}
