import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SiretSchema,
  checkSiren,
  checkSiret,
  formatSiret,
  isValidSiret,
  luhnCheckDigit,
  luhnValid,
} from '../../../shared/domain/siret';
import { FC_OPTIONS } from './arbitraries';

describe('SIREN / SIRET', () => {
  it.each([
    ['732 829 320 00074', true],
    ['73282932000074', true],
    ['73282932000075', false],
    ['7328293200007', false],
    ['7328293200007A', false],
    // La Poste: the siège passes Luhn, establishments follow the "sum divisible by 5" rule.
    ['35600000000048', true],
    ['35600000049837', true],
    ['35600000049838', false],
  ])('%s valid: %s', (siret, ok) => {
    expect(isValidSiret(siret)).toBe(ok);
  });

  it('explains errors in French', () => {
    expect(checkSiret('123')).toEqual({ ok: false, error: 'Le SIRET compte 14 chiffres (ici 3).' });
    expect(checkSiret('73282932000075')).toEqual({
      ok: false,
      error: 'SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez la saisie.',
    });
    expect(checkSiren('732829321')).toMatchObject({ ok: false });
    expect(checkSiren('732 829 320')).toEqual({ ok: true, value: '732829320' });
  });

  it('the "sum of digits" exception only applies to La Poste', () => {
    // 12345678900005: digit sum 45 (divisible by 5) but not Luhn-valid, and not La Poste.
    expect(luhnValid('12345678900005')).toBe(false);
    expect(isValidSiret('12345678900005')).toBe(false);
  });

  it('the zod schema normalises and rejects', () => {
    expect(SiretSchema.parse('732 829 320 00074')).toBe('73282932000074');
    const r = SiretSchema.safeParse('73282932000075');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('clé de contrôle');
    expect(formatSiret('73282932000074')).toBe('732 829 320 00074');
  });

  it('generated SIRETs round-trip: a Luhn-completed number is valid, changing one digit breaks it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 13 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          fc.pre(!body.startsWith('356000000'));
          const siret = body + luhnCheckDigit(body);
          expect(checkSiret(siret)).toEqual({ ok: true, value: siret });
          expect(checkSiret(formatSiret(siret))).toEqual({ ok: true, value: siret });
          const d = (Number(siret[pos]) + delta) % 10;
          const broken = siret.slice(0, pos) + String(d) + siret.slice(pos + 1);
          expect(isValidSiret(broken)).toBe(false);
        },
      ),
      FC_OPTIONS,
    );
  });

  it('generated La Poste SIRETs (digit sum multiple of 5) are valid', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 4, maxLength: 4 }), (nic4) => {
        const partial = `356000000${nic4}`;
        const sum = [...partial].reduce((s, c) => s + Number(c), 0);
        const last = (5 - (sum % 5)) % 5;
        expect(isValidSiret(partial + String(last))).toBe(true);
      }),
      FC_OPTIONS,
    );
  });
});
