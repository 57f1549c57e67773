import { afterEach, describe, expect, it } from 'vitest';
import { startCountyServer, type CountyServer } from '../support/countyServer';

let server: CountyServer | undefined;
afterEach(async () => server?.close());

/** The status of one wrong code from `forwardedFor`. */
const tryOnce = (url: string, forwardedFor: string) =>
  fetch(`${url}/trpc/auth.enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ code: 'WRONG-CODE', deviceName: '电脑' }),
  }).then((r) => r.status);

/** Ten wrong codes from `forwardedFor`, then the status of an eleventh try. */
async function eleventhTry(url: string, forwardedFor: string): Promise<number> {
  for (let i = 0; i < 10; i++) await tryOnce(url, forwardedFor);
  return tryOnce(url, forwardedFor);
}

describe('behind a reverse proxy', () => {
  it('with TRUST_PROXY, one guesser is cut off without locking out the others', async () => {
    server = await startCountyServer({ trustProxy: 'loopback' });
    expect(await eleventhTry(server.url, '203.0.113.7')).toBe(429);
    expect(await tryOnce(server.url, '198.51.100.9')).toBe(404);
  });

  it('without it, a forged X-Forwarded-For does not escape the limit', async () => {
    server = await startCountyServer();
    expect(await eleventhTry(server.url, '203.0.113.7')).toBe(429);
    expect(await tryOnce(server.url, '198.51.100.9')).toBe(429);
  });
});
