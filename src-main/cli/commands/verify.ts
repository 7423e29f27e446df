import fs from 'node:fs';
import { ServiceError } from '../../../src-shared/envelope';
import { databasePath, openDatabaseForReading } from '../../store/database';
import { openWorkstationAuditStore } from '../../store/workstation-audit';
import { verifyAudit } from '../../services/verification/verify-audit';
import { EXIT, type CommandEnv } from '../io';
import { runBundleVerify, type BundleVerifyOptions } from './bundle-verify';

export function registerVerify({ program, io, setExit, dataDir, signingKeyStore }: CommandEnv): void {
  program
    .command('verify')
    .description('verify the audit logs: stored hashes, chain, Merkle roots against the signed checkpoints, registry against sessions')
    .option('--log <id>', 'verify only this log (registry or session/<id>)')
    .option('--incremental', 'start each log where the last successful verification stopped')
    .option('--json', 'print the report as JSON')
    .option('--trust-bundled-key', 'bundle only, without --pubkey: accept the key shipped inside the bundle (otherwise exit 3)')
    // Evidence bundles (issue 5): `papertape verify <bundle>` is handled by the evidence module.
    .argument('[bundle]', 'an evidence bundle folder or .zip to verify instead of the workstation store')
    .option('--pubkey <pem>', "bundle only: the analyst's public key (papertape key export)")
    .option(
      '--last-checkpoint <file>',
      "a checkpoint note seen earlier (of the bundle's session, or of any store log, e.g. a copy of the witness): it must still be a prefix",
    )
    .action((bundle: string | undefined, opts: { log?: string; incremental?: boolean; json?: boolean } & BundleVerifyOptions) => {
      if (bundle !== undefined) return runBundleVerify(bundle, opts, io, setExit);
      if (opts.pubkey !== undefined) {
        io.err('papertape verify: --pubkey applies to bundles; the store is checked against its own workstation key\n');
        setExit(EXIT.USAGE);
        return;
      }
      let lastCheckpoint: { note: string; source: string } | undefined;
      if (opts.lastCheckpoint !== undefined) {
        try {
          lastCheckpoint = { note: fs.readFileSync(opts.lastCheckpoint, 'utf8'), source: `the checkpoint in ${opts.lastCheckpoint}` };
        } catch (err) {
          io.err(
            `papertape verify: cannot read --last-checkpoint ${opts.lastCheckpoint}: ${(err as NodeJS.ErrnoException).code ?? 'error'}\n`,
          );
          setExit(EXIT.USAGE);
          return;
        }
      }
      const dir = dataDir();
      const file = databasePath(dir);
      if (!fs.existsSync(file)) throw new ServiceError('IO_ERROR', `No Papertape database at ${file}.`);
      // Integrity is the question here: SQLite's own page check runs first.
      const db = openDatabaseForReading(file, { quickCheck: true });
      try {
        const store = openWorkstationAuditStore(db, dir, () => Date.now(), signingKeyStore(dir));
        if (opts.log !== undefined && !store.listLogs().some((l) => l.log === opts.log)) {
          io.err(`papertape verify: no log named ${opts.log}\n`);
          setExit(EXIT.USAGE);
          return;
        }
        const report = verifyAudit(store, {
          mode: opts.incremental ? 'incremental' : 'full',
          log: opts.log,
          ...(lastCheckpoint ? { lastCheckpoint } : {}),
        });
        if (opts.json) io.out(JSON.stringify(report, null, 2) + '\n');
        else {
          for (const l of report.logs) {
            const what = `${l.eventsChecked} of ${l.size} events read, ${l.checkpointsChecked} checkpoints`;
            io.out(`${l.ok ? 'ok  ' : 'FAIL'}  ${l.log.padEnd(24)} ${what}${l.root ? `, root ${l.root.slice(0, 16)}` : ''}\n`);
          }
          if (db.readonly) io.out(`read-only  ${dir} cannot be written: a private copy was verified, and this run is not recorded\n`);
          if (store.witnessFile)
            io.out(
              `witness   ${store.witnessFile}${fs.existsSync(store.witnessFile) ? '' : ' (none yet)'}; keep a copy elsewhere to catch a restored older database\n`,
            );
          for (const f of report.failures) io.out(`FAIL  ${f.check} in ${f.log}${f.seq === null ? '' : ` at seq ${f.seq}`}: ${f.detail}\n`);
          io.out(
            report.ok
              ? `All ${report.logs.length} log(s) verify (${report.eventsChecked} events read).\n`
              : `Integrity failure: ${report.failures.length} finding(s).\n`,
          );
        }
        setExit(report.ok ? EXIT.OK : EXIT.FINDING);
      } finally {
        db.close();
      }
    });
}
