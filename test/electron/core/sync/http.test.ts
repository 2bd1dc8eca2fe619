import { describe, expect, it } from 'vitest';
import { HubClient, type FetchLike } from '../../../../electron/core/sync/http';

/** fetch as undici fails on a pooled connection the hub closed when it restarted. */
function staleSocket(): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
}

function scripted(failures: Error[]): { fetch: FetchLike; calls: string[] } {
  const calls: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push(`${init.method} ${new URL(url).pathname}`);
    const failure = failures.shift();
    if (failure) throw failure;
    return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, calls };
}

describe('HubClient after the hub restarted (stale keep-alive connection)', () => {
  it('sends an idempotent call again once, instead of reporting the laptop offline', async () => {
    const { fetch, calls } = scripted([staleSocket()]);
    const client = new HubClient('http://127.0.0.1:9', { fetch });
    expect(await client.putBundle('b1', '{"payload":{}}')).toMatchObject({ kind: 'ok', status: 200 });
    expect(calls).toEqual(['PUT /v1/bundles/b1', 'PUT /v1/bundles/b1']);
    const again = scripted([staleSocket()]);
    expect(await new HubClient('http://127.0.0.1:9', { fetch: again.fetch }).catalog({ region: '32' })).toMatchObject({ kind: 'ok' });
    expect(again.calls).toHaveLength(2);
  });

  it('retries only once, and never an enrolment (a code is single-use), a refused connection or a reset', async () => {
    const twice = scripted([staleSocket(), staleSocket()]);
    expect(await new HubClient('http://127.0.0.1:9', { fetch: twice.fetch }).putBundle('b1', '{}')).toMatchObject({ kind: 'network', timeout: false });
    expect(twice.calls).toHaveLength(2);

    const enrol = scripted([staleSocket()]);
    const outcome = await new HubClient('http://127.0.0.1:9', { fetch: enrol.fetch }).enrol({ code: 'x', publicKey: 'y', deviceLabel: 'z', appVersion: '1' } as never);
    expect(outcome).toMatchObject({ kind: 'network' });
    expect(enrol.calls).toEqual(['POST /v1/enroll']);

    for (const code of ['ECONNREFUSED', 'ECONNRESET']) {
      const failed = scripted([Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) })]);
      expect(await new HubClient('http://127.0.0.1:9', { fetch: failed.fetch }).putBundle('b1', '{}')).toMatchObject({ kind: 'network' });
      expect(failed.calls, code).toHaveLength(1);
    }
  });
});
