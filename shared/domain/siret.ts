import { z } from 'zod';

/*
 * SIREN (9 digits) and SIRET (SIREN + 5-digit NIC) check digits use the Luhn
 * algorithm. La Poste (SIREN 356000000) numbers its establishments differently:
 * their SIRET is valid when the sum of its 14 digits is a multiple of 5.
 */

export const LA_POSTE_SIREN = '356000000';

/** Luhn check on a string of digits (rightmost digit is the check digit). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit to append to `digits` so the whole passes Luhn. */
export function luhnCheckDigit(digits: string): string {
  for (let c = 0; c <= 9; c += 1) if (luhnValid(`${digits}${c}`)) return String(c);
  throw new RangeError(`Not a digit string: ${digits}`);
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const ch of digits) sum += ch.charCodeAt(0) - 48;
  return sum;
}

/** Removes the spaces, dots and dashes people type ("123 456 789 00012"). */
export function normaliseSiretInput(input: string): string {
  return input.replace(/[\s.\u00A0\u202F-]/g, '');
}

export type IdentifierCheck = { ok: true; value: string } | { ok: false; error: string };

export function checkSiren(input: string): IdentifierCheck {
  const value = normaliseSiretInput(input);
  if (!/^\d+$/.test(value)) return { ok: false, error: 'Le SIREN ne doit contenir que des chiffres.' };
  if (value.length !== 9) return { ok: false, error: `Le SIREN compte 9 chiffres (ici ${value.length}).` };
  if (!luhnValid(value)) return { ok: false, error: 'SIREN invalide : la clé de contrôle ne correspond pas. Vérifiez la saisie.' };
  return { ok: true, value };
}

export function checkSiret(input: string): IdentifierCheck {
  const value = normaliseSiretInput(input);
  if (!/^\d+$/.test(value)) return { ok: false, error: 'Le SIRET ne doit contenir que des chiffres.' };
  if (value.length !== 14) return { ok: false, error: `Le SIRET compte 14 chiffres (ici ${value.length}).` };
  const valid = value.startsWith(LA_POSTE_SIREN) ? luhnValid(value) || digitSum(value) % 5 === 0 : luhnValid(value);
  if (!valid) return { ok: false, error: 'SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez la saisie.' };
  return { ok: true, value };
}

export function isValidSiret(input: string): boolean {
  return checkSiret(input).ok;
}

export function isValidSiren(input: string): boolean {
  return checkSiren(input).ok;
}

export function sirenOfSiret(siret: string): string {
  return normaliseSiretInput(siret).slice(0, 9);
}

/** `123 456 789 00012` */
export function formatSiret(siret: string): string {
  const v = normaliseSiretInput(siret);
  return v.length === 14 ? `${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6, 9)} ${v.slice(9)}` : v;
}

export const SiretSchema = z.string().transform((s, ctx) => {
  const r = checkSiret(s);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.value;
});

export const SirenSchema = z.string().transform((s, ctx) => {
  const r = checkSiren(s);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.value;
});
