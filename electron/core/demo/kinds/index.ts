import { actionsKind } from './actions';
import { contractsKind } from './contracts';
import { entretiensKind } from './entretiens';
import { formationsKind } from './formations';
import { freinsKind } from './freins';
import { immersionsKind } from './immersions';
import { passIaeKind } from './pass-iae';
import { projetKind } from './projet';
import { situationKind } from './situation';
import { sortieKind } from './sortie';
import type { DemoKind } from '../types';

/**
 * Record kinds in generation order (a kind may read what earlier ones left on the person:
 * contracts need the PASS, the sortie needs contracts and formations). Entretiens and immersions
 * go here as further modules; appending a kind leaves every earlier kind's output unchanged.
 */
export const DEMO_KINDS: readonly DemoKind[] = [
  situationKind,
  passIaeKind,
  contractsKind,
  freinsKind,
  projetKind,
  formationsKind,
  sortieKind,
  actionsKind,
  // Immersions before entretiens: the entretiens kind adds each immersion's tripartites.
  immersionsKind,
  entretiensKind,
];
