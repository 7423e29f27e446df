/**
 * Child process for the crash test: recovers the store, then appends batches until killed,
 * reporting each committed size on stdout only after append() returned.
 * Usage: node --import tsx crash-child.ts <db file> <key dir> <seed>
 */
import fs from 'node:fs';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { openAuditStore } from '../../../src-main/store/audit-log';
import { openDatabase } from '../../../src-main/store/database';
import { recoverOnOpen } from '../../../src-main/services/verification/recover-on-open';
import { createSqliteSink } from '../../../src-main/store/sqlite-sink';
import { events, ORIGIN, registerSession } from '../../unit/audit/audit-fixture';

const [file, keyDir, seedText] = process.argv.slice(2) as [string, string, string];
const rng = xoroshiro128plus(Number(seedText));
let now = 0;
const store = openAuditStore(openDatabase(file), { keyDir, origin: ORIGIN, clock: () => (now += 10) });
// The run is registered as running first, as a real one is: recovery signs only tails of running sessions.
if (store.size('registry') === 0) registerSession(store, 'crash', 'running');
const recovery = recoverOnOpen(store);
fs.writeSync(1, `recovered ${recovery.verification.ok ? 'ok' : 'FAILED'} ${recovery.interrupted.map((l) => l.log).join(',')}\n`);
const sink = createSqliteSink(store, { everyEvents: 7, everyMs: 0 });
for (let step = 0; step < 100_000; step++) {
  const size = store.size('session/crash');
  sink.appendStep('crash', events(uniformInt(rng, 1, 5), size));
  fs.writeSync(1, `committed ${store.size('session/crash')}\n`);
}
