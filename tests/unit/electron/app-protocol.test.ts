import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, mimeType, resolveAppFile } from '../../../src-main/electron/app-protocol';

const ROOT = path.resolve('/srv/papertape/out/renderer');

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('resolveAppFile: the traversal guard', () => {
  it.each([
    ['papertape://app/', 'index.html'],
    ['papertape://app/index.html', 'index.html'],
    ['papertape://app/assets/index-1.js', 'assets/index-1.js'],
    ['papertape://app/assets/a%20b.css', 'assets/a b.css'],
    ['papertape://app/assets/x.js?v=2#frag', 'assets/x.js'],
    // WHATWG folds `%2e%2e` segments before we see the path: the result still lands inside the root.
    ['papertape://app/assets/%2e%2e/index.html', 'index.html'],
    ['papertape://app/%2e%2e/%2e%2e/index.html', 'index.html'],
    ['papertape://app/../../index.html', 'index.html'],
  ])('%s -> <root>/%s', (url, rel) => {
    expect(resolveAppFile(ROOT, url)).toBe(path.join(ROOT, rel));
  });

  it.each([
    'papertape://app/..%2f..%2fetc%2fpasswd',
    'papertape://app/assets/..%2f..%2f..%2fetc/passwd',
    'papertape://app/%2e%2e%2f%2e%2e%2fetc/passwd',
    'papertape://app/..%5c..%5cwindows%5cwin.ini',
    'papertape://app/assets%5c..%5c..%5csecret',
    'papertape://app/index.html%00.png',
    'papertape://app/%00',
    'papertape://app/%E0%A4%A',
    'papertape://app/%C0%AE%C0%AE/etc/passwd',
    'papertape://app/%c0%af',
    'papertape://evil/index.html',
    'papertape://app.evil/index.html',
    'papertape://app@evil/index.html',
    'papertape://user:pw@app/index.html',
    'papertape://APP/index.html',
    'papertape:///index.html',
    'file:///etc/passwd',
    'http://app/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    const file = resolveAppFile(ROOT, url);
    // Either refused outright, or (overlong UTF-8 decodes to U+FFFD) a harmless name inside the root.
    if (file !== null) expect(file.startsWith(ROOT + path.sep)).toBe(true);
    if (file !== null) expect(file).not.toMatch(/etc|passwd|win\.ini|secret/);
  });

  it('refuses every encoded separator or parent segment outright', () => {
    for (const url of ['papertape://app/..%2fetc', 'papertape://app/a%5cb', 'papertape://app/x%00y', 'papertape://app/%2e%2e%2f']) {
      expect(resolveAppFile(ROOT, url)).toBeNull();
    }
  });

  it('never leaves the root for arbitrary paths (property-style sweep)', () => {
    const pieces = ['..', '.', '%2e', '%2e%2e', '%2f', '%5c', 'a', '%00', '%25', '//', '\\', 'é', '%C0%AE'];
    let count = 0;
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const file = resolveAppFile(ROOT, `papertape://app/${a}/${b}/${c}`);
          if (file !== null) expect(file === ROOT || file.startsWith(ROOT + path.sep)).toBe(true);
          count++;
        }
    expect(count).toBe(pieces.length ** 3);
  });
});

describe('content security policy', () => {
  const d = directives(CONTENT_SECURITY_POLICY);

  it('allows no remote origin anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|blob:|filesystem:/);
  });

  it('runs only our own script files: no inline script, no eval', () => {
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(d.get('default-src')).toEqual(["'none'"]);
  });

  it('keeps Mantine inline styles working and closes every other door', () => {
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    for (const name of ['connect-src', 'object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action']) {
      expect(d.get(name)).toEqual(["'none'"]);
    }
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('is the same policy as the meta tag in the renderer page', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('names the right content types, with a safe default', () => {
    expect(mimeType('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('/x/A.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('/x/font.woff2')).toBe('font/woff2');
    expect(mimeType('/x/unknown.exe')).toBe('application/octet-stream');
  });
});
