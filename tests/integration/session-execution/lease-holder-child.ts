/** Child for the run-lease test: holds a session's lease until killed. Usage: node --import tsx lease-holder-child.ts <data dir> <session> */
import { acquireRunLease } from '../../../src-main/services/session-execution/run-lease';

const [dataDir, sessionId] = process.argv.slice(2) as [string, string];
acquireRunLease(dataDir, sessionId);
process.stdout.write('held\n');
setInterval(() => {}, 1000);
