import fs from 'node:fs';
import { z } from 'zod';
import type { WorkstationKey } from '../../store/signing-key/workstation-key';
import { noteKeyId } from '../../store/signed-note';
import { databasePath, openDatabaseForReading } from '../../store/database';
import { resolveAuditOrigin, workstationKeyFor } from '../../store/workstation-audit';
import { EXIT, type CommandEnv } from '../io';
import { keyHistoryView, replaceLostKey, type KeyHistoryView } from '../../services/signing-key/key-record';
import { governanceCall } from './governance-call';

const ReplaceInput = z.strictObject({ by: z.string().trim().min(1), reason: z.string().trim().min(1) });

function describeHistory(h: KeyHistoryView): string {
  if (h.keys.length === 0) return 'No signing key recorded yet (it is created and recorded with the first session).\n';
  const rows = h.keys.map(
    (k) => `${k.ordinal}${k.current ? ' (current)' : ''} ${k.fingerprint}\n  recorded ${k.recordedAt}: ${k.reason}\n`,
  );
  return `note key name: ${h.keyName}\n${rows.join('')}`;
}

export function registerKey(env: CommandEnv): void {
  const { program, io, setExit, dataDir, signingKeyStore } = env;
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
  key
    .command('history')
    .description('every key this store has signed with, oldest first, with when and why each was recorded')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) =>
      governanceCall(env, 'key history', z.undefined(), undefined, (ctx) => keyHistoryView(ctx), {
        json: opts.json,
        text: describeHistory,
      }),
    );
  key
    .command('replace')
    .description(
      'make a new signing key for a store whose key is lost, recorded (who, why) in the registry; what the old key signed still verifies with its recorded public key',
    )
    .requiredOption('--by <name>', 'who replaces it (local attribution)')
    .requiredOption('--reason <text>', 'why (required), e.g. "disk failure, no backup of keys/"')
    .option('--json', 'print as JSON')
    .action((opts: { by: string; reason: string; json?: boolean }) =>
      governanceCall(env, 'key replace', ReplaceInput, { by: opts.by, reason: opts.reason }, (ctx, input) => replaceLostKey(ctx, input), {
        json: opts.json,
        text: (r) =>
          (r.adopted
            ? 'Recorded the unrecorded key already in the key store (left by a replacement that stopped before its record).\n'
            : '') +
          `Replaced signing key ${r.previous.ordinal} (${r.previous.fingerprint.slice(0, 16)}) with key ${r.current.ordinal}, fingerprint ${r.current.fingerprint}.\n` +
          'Reviewers who pinned the old key need the new one: papertape key export.\n',
      }),
    );
}
