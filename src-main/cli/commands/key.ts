import fs from 'node:fs';
import type { WorkstationKey } from '../../store/signing-key/workstation-key';
import { noteKeyId } from '../../store/signed-note';
import { databasePath, openDatabaseForReading } from '../../store/database';
import { resolveAuditOrigin, workstationKeyFor } from '../../store/workstation-audit';
import { EXIT, type CommandEnv } from '../io';

export function registerKey({ program, io, setExit, dataDir, signingKeyStore }: CommandEnv): void {
  const key = program.command('key').description("the workstation's Ed25519 checkpoint signing key");
  key
    .command('export')
    .description('print the public key (PEM), its fingerprint (SHA-256 of the raw key) and the note key name and id')
    .option('--out <file>', 'also write the PEM to this file')
    .option('--json', 'print as JSON')
    .action((opts: { out?: string; json?: boolean }) => {
      const dir = dataDir();
      const db = openDatabaseForReading(databasePath(dir));
      let keyName: string;
      let k: WorkstationKey;
      try {
        // Never creates a replacement for a key the store was signed with (KEY_MISSING instead).
        k = workstationKeyFor(db, signingKeyStore(dir));
        keyName = resolveAuditOrigin(db, k.fingerprint);
      } finally {
        db.close();
      }
      const keyId = noteKeyId(keyName, k.publicRaw).toString('hex');
      if (opts.out) fs.writeFileSync(opts.out, k.publicPem, { mode: 0o644 });
      if (opts.json) io.out(JSON.stringify({ publicKeyPem: k.publicPem, fingerprint: k.fingerprint, keyName, keyId }, null, 2) + '\n');
      else
        io.out(
          `${k.publicPem}fingerprint (SHA-256 of the raw public key): ${k.fingerprint}\nnote key name: ${keyName}\nnote key id: ${keyId}\n`,
        );
      setExit(EXIT.OK);
    });
}
