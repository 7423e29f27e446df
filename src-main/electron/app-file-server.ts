import fs from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY, mimeType, resolveAppFile } from './app-protocol';

/**
 * The `protocol.handle` callback for the app scheme. The CSP travels as a response header on every
 * file as well as in the page's meta tag: the header cannot be removed by anything in the page.
 */
export function appFileServer(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file || request.method !== 'GET') return notFound();
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': mimeType(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
      });
    } catch {
      return notFound();
    }
  };
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-security-policy': CONTENT_SECURITY_POLICY } });
}
