import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../src-shared/app-identity';
import { isOriginUrl } from '../../../src-shared/app-origin';
import { resolveAppFile } from '../../../src-main/electron/app-protocol';
import { isAllowedNavigation } from '../../../src-main/electron/security/navigation-policy';
import { requestDecision } from '../../../src-main/electron/security/request-policy';

/**
 * Properties over the real app URL, mutated the ways an attacker would (userinfo, port, case,
 * percent-encoding of the authority), not random strings. Every decision that asks "is this the
 * app?" (the request filter, navigation, the protocol handler, the IPC sender check) must give the
 * same answer, since they share one origin predicate.
 */
const APP_PAGE = `${APP_ORIGIN}/index.html`;
const AUTHORITY_START = `${APP_ORIGIN.split('//')[0]}//`.length;
const AUTHORITY = APP_ORIGIN.slice(AUTHORITY_START);

function decisions(url: string) {
  return {
    request: !requestDecision(url).cancel,
    navigation: isAllowedNavigation(url),
    protocol: resolveAppFile('/srv/renderer', url) !== null,
    sender: isOriginUrl(url),
  };
}

const refusedEverywhere = { request: false, navigation: false, protocol: false, sender: false };
const tail = fc.constantFrom('/index.html', '/', '/index.html?recovered=crashed', '/index.html#x', '/assets/app.js');
const userinfo = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,8}$/).map((u) => `${u}@`),
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{0,8}$/), fc.stringMatching(/^[A-Za-z0-9]{0,8}$/)).map(([u, p]) => `${u}:${p}@`),
);
const port = fc.oneof(fc.integer({ min: 0, max: 65535 }).map(String), fc.constant(''), fc.constantFrom('80', '443', '0', '00080'));

describe('URL policy over mutations of the real app URL', () => {
  it('the app page itself passes every decision', () => {
    expect(decisions(APP_PAGE)).toEqual({ request: true, navigation: true, protocol: true, sender: true });
    expect(decisions(`${APP_ORIGIN}/`)).toEqual({ request: true, navigation: true, protocol: true, sender: true });
  });

  it('userinfo before the host is refused by every decision', () => {
    fc.assert(
      fc.property(userinfo, tail, (info, rest) => {
        const url = `${APP_ORIGIN.slice(0, AUTHORITY_START)}${info}${AUTHORITY}${rest}`;
        expect(decisions(url)).toEqual(refusedEverywhere);
      }),
    );
  });

  it('any port, empty or default-looking, is refused by every decision', () => {
    fc.assert(
      fc.property(port, tail, (p, rest) => {
        expect(decisions(`${APP_ORIGIN}:${p}${rest}`)).toEqual(refusedEverywhere);
      }),
    );
  });

  it('changing the case of any letter of the scheme or host is refused by every decision', () => {
    const letters = [...APP_ORIGIN].map((c, i) => [c, i] as const).filter(([c]) => /[a-z]/.test(c));
    fc.assert(
      fc.property(fc.subarray(letters, { minLength: 1 }), tail, (flip, rest) => {
        const chars = [...APP_ORIGIN];
        for (const [, i] of flip) chars[i] = chars[i]!.toUpperCase();
        expect(decisions(`${chars.join('')}${rest}`)).toEqual(refusedEverywhere);
      }),
    );
  });

  it('percent-encoding any character of the host is refused by every decision', () => {
    const positions = [...AUTHORITY].map((_, i) => i);
    fc.assert(
      fc.property(fc.subarray(positions, { minLength: 1 }), fc.boolean(), tail, (encode, upperHex, rest) => {
        const host = [...AUTHORITY]
          .map((c, i) => {
            if (!encode.includes(i)) return c;
            const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
            return `%${upperHex ? hex.toUpperCase() : hex}`;
          })
          .join('');
        expect(decisions(`${APP_ORIGIN.slice(0, AUTHORITY_START)}${host}${rest}`)).toEqual(refusedEverywhere);
      }),
    );
  });

  it('a host that only starts or ends like the app host is refused by every decision', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9.-]{1,12}$/), fc.boolean(), tail, (extra, before, rest) => {
        const host = before ? `${extra}${AUTHORITY}` : `${AUTHORITY}${extra}`;
        expect(decisions(`${APP_ORIGIN.slice(0, AUTHORITY_START)}${host}${rest}`)).toEqual(refusedEverywhere);
      }),
    );
  });

  it('the IPC sender check is the same predicate for the e2e origin: a port or userinfo there is refused too', () => {
    const origin = 'http://papertape.test';
    expect(isOriginUrl(`${origin}/index.html`, origin)).toBe(true);
    fc.assert(
      fc.property(
        fc.oneof(
          port.map((p) => `${origin}:${p}/`),
          userinfo.map((u) => `http://${u}papertape.test/`),
        ),
        (url) => {
          expect(isOriginUrl(url, origin)).toBe(false);
        },
      ),
    );
    // The WHATWG parser drops a special scheme's default port and lower-cases its host; the check does not.
    expect(isOriginUrl(`${origin}:80/index.html`, origin)).toBe(false);
    expect(isOriginUrl('http://PAPERTAPE.test/index.html', origin)).toBe(false);
  });
});
