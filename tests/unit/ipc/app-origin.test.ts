import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../src-shared/app-identity';
import { isOriginUrl as isTrustedSenderUrl } from '../../../src-shared/app-origin';

describe('isOriginUrl (the IPC sender check)', () => {
  it('accepts only pages of the app origin', () => {
    expect(isTrustedSenderUrl('papertape://app/index.html', APP_ORIGIN)).toBe(true);
    expect(isTrustedSenderUrl('papertape://app/', APP_ORIGIN)).toBe(true);
    // A non-special scheme keeps its host's case, so an upper-case host is another origin: refused.
    expect(isTrustedSenderUrl('PAPERTAPE://APP/index.html', APP_ORIGIN)).toBe(false);
  });

  it.each([
    'papertape://app.evil/index.html',
    'papertape://app@evil/index.html',
    'papertape://user:pw@app/index.html',
    'papertape://evil/app/index.html',
    'papertape://app:0/index.html',
    'papertape://app:443/index.html',
    'papertape://app:/index.html',
    'papertape:///index.html',
    'https://app/index.html',
    'http://papertape.app/',
    'file:///papertape/app/index.html',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abc/index.html',
    'data:text/html,<script>1</script>',
    'about:blank',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedSenderUrl(url, APP_ORIGIN)).toBe(false);
  });

  it('refuses absurdly long URLs without parsing them', () => {
    expect(isTrustedSenderUrl('papertape://app' + '/x'.repeat(3000), APP_ORIGIN)).toBe(false);
  });

  it('refuses missing or non-string URLs', () => {
    expect(isTrustedSenderUrl(undefined, APP_ORIGIN)).toBe(false);
    expect(isTrustedSenderUrl(null, APP_ORIGIN)).toBe(false);
    expect(isTrustedSenderUrl('', APP_ORIGIN)).toBe(false);
  });
});
