/**
 * Y14: enrolment codes are single-use, expire, and cannot be brute-forced (rate limit per
 * client address); a code binds one device to one structure and one key. Also revocation.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EnrolResponse, HubError, hubErrorMessages } from '../../shared/sync/protocol';
import { listAudit } from '../../server/repositories/audit';
import { findDevice } from '../../server/repositories/devices';
import { normaliseEnrolmentCode } from '../../server/services/crypto';
import { HubAdminError, issueEnrolmentCode, revokeDevice } from '../../server/services/enrolment';
import { HubTestClock, deviceKeys } from './bundles';
import { forEachDialect, hubApp, openTestHub, type TestHub } from './helpers';

async function enrol(app: FastifyInstance, code: string, ip = '203.0.113.1', publicKey = deviceKeys().publicKeyB64) {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/enroll',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ code, publicKey, deviceLabel: 'Portable de Léa', appVersion: '1.2.0' }),
  });
  return { status: res.statusCode, json: res.json() as unknown, headers: res.headers };
}

forEachDialect('enrolment', (dialect) => {
  let hub: TestHub;
  let app: FastifyInstance;
  const clock = new HubTestClock('2027-02-01T10:00:00.000Z');

  beforeAll(async () => {
    hub = await openTestHub(dialect, { clock });
    app = await hubApp(hub);
  });
  afterAll(async () => {
    await app?.close();
    await hub?.dispose();
  });

  it('issues a ≥128-bit grouped code for a pseudonymous structure; the code enrols one key and returns the hub key', async () => {
    const issued = await issueEnrolmentCode(hub.ctx, { structureName: 'ACI Les Jardins', regionCode: '53', siaeKind: 'ACI' });
    expect(issued.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(issued.structure.structure_id).toMatch(/^st_[A-Za-z0-9_-]{20,}$/);
    expect(issued.structure.structure_id).not.toContain('Jardins');
    const keys = deviceKeys();
    // Typed by hand: lower case, spaces instead of dashes.
    const res = await enrol(app, issued.code.toLowerCase().replace(/-/g, ' '), '203.0.113.2', keys.publicKeyB64);
    expect(res.status).toBe(201);
    const body = EnrolResponse.parse(res.json);
    expect(body).toMatchObject({
      structureId: issued.structure.structure_id,
      structureName: 'ACI Les Jardins',
      regionCode: '53',
      hubPublicKey: hub.ctx.keys.publicKey,
      catalogueVersion: '2026.1',
    });
    const device = await findDevice(hub.ctx.db, body.deviceId);
    expect(device).toMatchObject({ structure_id: issued.structure.structure_id, public_key: keys.publicKeyB64, status: 'active', label: 'Portable de Léa' });
    // Only the hash of the code is stored.
    const codes = await hub.ctx.db.selectFrom('enrolment_codes').selectAll().execute();
    expect(JSON.stringify(codes)).not.toContain(normaliseEnrolmentCode(issued.code));
  });

  it('Y14: a used code answers 410 enrolment_code_used, an expired one 410 enrolment_code_expired, an unknown one 400', async () => {
    const used = await issueEnrolmentCode(hub.ctx, { structureName: 'EI Vélo', regionCode: '11' });
    expect((await enrol(app, used.code, '203.0.113.3')).status).toBe(201);
    const again = await enrol(app, used.code, '203.0.113.3');
    expect([again.status, HubError.parse(again.json).error]).toEqual([410, { code: 'enrolment_code_used', message: hubErrorMessages.enrolment_code_used }]);

    const expiring = await issueEnrolmentCode(hub.ctx, { structureName: 'AI Services', regionCode: '11', hours: 72 });
    clock.advanceSeconds(72 * 3600 + 1);
    const late = await enrol(app, expiring.code, '203.0.113.4');
    expect([late.status, HubError.parse(late.json).error.code]).toEqual([410, 'enrolment_code_expired']);

    const unknown = await enrol(app, 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23', '203.0.113.4');
    expect([unknown.status, HubError.parse(unknown.json).error.code]).toEqual([400, 'enrolment_code_invalid']);
    const rejects = await listAudit(hub.ctx.db, { action: 'device.enrol.reject' });
    expect(rejects.map((r) => JSON.parse(r.detail).code)).toEqual(expect.arrayContaining(['enrolment_code_used', 'enrolment_code_expired', 'enrolment_code_invalid']));
  });

  it('Y14: brute force from one address is cut at 10 attempts per 15 minutes (429 + Retry-After); other addresses are unaffected; the window passes', async () => {
    const issued = await issueEnrolmentCode(hub.ctx, { structureName: 'ETTI Horizon', regionCode: '84' });
    const attacker = '198.51.100.66';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const guess = `${String(i).padStart(2, '0')}AB-CDEF-GHJK-MNPQ-RSTV-WXYZ-00`;
      statuses.push((await enrol(app, guess, attacker)).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    const blocked = await enrol(app, issued.code, attacker);
    expect([blocked.status, HubError.parse(blocked.json).error.code]).toEqual([429, 'rate_limited']);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // The real laptop, elsewhere, is not blocked.
    expect((await enrol(app, issued.code, '203.0.113.9')).status).toBe(201);
    clock.advanceSeconds(15 * 60 + 1);
    const later = await issueEnrolmentCode(hub.ctx, { structureName: 'ETTI Horizon 2', regionCode: '84' });
    expect((await enrol(app, later.code, attacker)).status).toBe(201);
  });

  it('refuses malformed requests with 400 bad_request and unknown fields', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/enroll', remoteAddress: '203.0.113.20', headers: { 'content-type': 'application/json' }, payload: '{"code":"x"}' });
    expect([res.statusCode, HubError.parse(res.json()).error.code]).toEqual([400, 'bad_request']);
  });

  it('revocation: the device is marked revoked (audited); revoking twice or an unknown device is an admin error', async () => {
    const issued = await issueEnrolmentCode(hub.ctx, { structureName: 'À révoquer', regionCode: '11' });
    const res = EnrolResponse.parse((await enrol(app, issued.code, '203.0.113.30')).json);
    await revokeDevice(hub.ctx, res.deviceId);
    expect(await findDevice(hub.ctx.db, res.deviceId)).toMatchObject({ status: 'revoked' });
    await expect(revokeDevice(hub.ctx, res.deviceId)).rejects.toBeInstanceOf(HubAdminError);
    await expect(revokeDevice(hub.ctx, 'dev_unknown')).rejects.toBeInstanceOf(HubAdminError);
    expect(await listAudit(hub.ctx.db, { action: 'device.revoke', entityId: res.deviceId })).toHaveLength(1);
  });

  it('refuses unknown region codes and SIAE kinds, and a structure name reused in another region', async () => {
    await expect(issueEnrolmentCode(hub.ctx, { structureName: 'X', regionCode: '99' })).rejects.toThrow(/région/);
    await expect(issueEnrolmentCode(hub.ctx, { structureName: 'X', regionCode: '11', siaeKind: 'ZZ' })).rejects.toThrow(/SIAE/);
    await issueEnrolmentCode(hub.ctx, { structureName: 'Doublon', regionCode: '11' });
    await expect(issueEnrolmentCode(hub.ctx, { structureName: 'Doublon', regionCode: '44' })).rejects.toThrow(/existe déjà/);
    // Same name, same region: a second laptop for the same structure.
    const second = await issueEnrolmentCode(hub.ctx, { structureName: 'Doublon', regionCode: '11' });
    expect(second.structureCreated).toBe(false);
  });
});
