import path from 'node:path';

/** `<dataDir>/operator-inbox/<sessionId>/`; processed files move to its `processed/` subfolder. */
export function inboxDir(dataDir: string, sessionId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(sessionId)) throw new RangeError(`not a valid session id: "${sessionId}"`);
  return path.join(dataDir, 'operator-inbox', sessionId);
}

export const PROCESSED = 'processed';
