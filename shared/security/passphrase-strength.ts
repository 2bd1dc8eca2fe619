/**
 * A strength hint for the passphrase chosen at first launch. Not a policy engine: it nudges towards
 * long phrases of several words, which are easy to type and hard to guess.
 */
export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface StrengthHint {
  level: StrengthLevel;
  label: string;
  advice: string;
}

const COMMON = ['motdepasse', 'password', 'azerty', 'qwerty', '123456', 'jalons', 'insertion', 'soleil', 'bonjour'];

/** Rough entropy estimate in bits: pool size per character class, penalised for repeats and common words. */
export function estimateEntropyBits(passphrase: string): number {
  if (passphrase.length === 0) return 0;
  let pool = 0;
  if (/[a-zà-ÿ]/.test(passphrase)) pool += 26;
  if (/[A-ZÀ-Ý]/.test(passphrase)) pool += 26;
  if (/\d/.test(passphrase)) pool += 10;
  if (/[^\p{L}\d]/u.test(passphrase)) pool += 20;
  const distinct = new Set(passphrase.toLowerCase()).size;
  const effectiveLength = Math.min(passphrase.length, distinct * 3);
  let bits = effectiveLength * Math.log2(Math.max(pool, 2));
  const lower = passphrase.toLowerCase();
  if (COMMON.some((word) => lower.includes(word))) bits -= 20;
  return Math.max(0, Math.round(bits));
}

export function passphraseStrength(passphrase: string): StrengthHint {
  const bits = estimateEntropyBits(passphrase);
  const words = passphrase.trim().split(/\s+/).filter(Boolean).length;
  if (passphrase.length < 10) {
    return { level: 0, label: 'Trop courte', advice: 'Au moins 10 caractères. Une courte phrase de quatre mots est idéale.' };
  }
  if (bits < 45) return { level: 1, label: 'Faible', advice: 'Ajoutez des mots ou des chiffres ; évitez les mots courants.' };
  if (bits < 60) return { level: 2, label: 'Moyenne', advice: words < 3 ? 'Une phrase de trois ou quatre mots serait plus sûre.' : 'Ajoutez un mot de plus.' };
  if (bits < 80) return { level: 3, label: 'Bonne', advice: 'Bonne phrase de passe. Notez-la dans un endroit sûr.' };
  return { level: 4, label: 'Très bonne', advice: 'Excellente phrase de passe.' };
}
