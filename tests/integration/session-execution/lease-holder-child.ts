/**
 * Child for the run-lease test: holds a session's lease until killed. Usage:
 * node --expose-gc --import tsx lease-holder-child.ts <data dir> <session>
 * The handle is dropped and a full collection forced on purpose: the lease must outlive its handle.
 */
import { acquireRunLease } from '../../../src-main/services/session-execution/run-lease';

const [dataDir, sessionId] = process.argv.slice(2) as [string, string];
acquireRunLease(dataDir, sessionId);
(globalThis as { gc?: () => void }).gc?.();
process.stdout.write('held\n');
setInterval(() => (globalThis as { gc?: () => void }).gc?.(), 50);
