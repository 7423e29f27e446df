import fs from 'node:fs';
import path from 'node:path';

/**
 * A copy of the registry's newest signed checkpoint kept outside the database, so a database file
 * replaced by an older copy (or cut back to before its newest session) is caught: the signed size
 * and root there must still be a prefix of the registry. Beside the data directory by default
 * (`<data dir>.witness`), so restoring the folder's database alone does not restore it too;
 * PAPERTAPE_WITNESS names another place (a removable drive, a synced folder).
 */
export function witnessPathOf(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.PAPERTAPE_WITNESS?.trim();
  return chosen ? path.resolve(chosen) : `${path.resolve(dataDir)}.witness`;
}

/** The note text, or null when there is none yet (a fresh workstation, or one never checkpointed). */
export function readWitness(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Replaces the witness with a newer checkpoint note, atomically, but only when the new state extends
 * the one the witness holds. A witness the registry no longer extends means the database was rolled
 * back or rewritten, and keeping it is what lets verification say so (even after the registry has
 * grown past it again). A place that cannot be written leaves the old witness; verification still
 * checks whatever witness exists.
 */
export function writeWitness(file: string, note: string, extendsWitness: (witnessNote: string) => boolean): void {
  try {
    const current = readWitness(file);
    if (current !== null && !extendsWitness(current)) return;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, note, { mode: 0o644 });
    fs.renameSync(tmp, file);
  } catch {
    // Best effort by design: the database is the record, the witness only a second opinion on it.
  }
}
