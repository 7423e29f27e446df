import fs from 'node:fs';
import path from 'node:path';
import { OperatorActionSchema, type OperatorAction } from './operator-action';
import { inboxDir } from './inbox-paths';

/**
 * Drops an action into a session's inbox atomically: written to a dot-file, then renamed, so the
 * session never reads half a file. The name sorts by request time, which is the order actions apply in.
 */
export function writeOperatorAction(dataDir: string, sessionId: string, action: OperatorAction, wallMs: number): string {
  const valid = OperatorActionSchema.parse(action);
  const dir = inboxDir(dataDir, sessionId);
  fs.mkdirSync(dir, { recursive: true });
  // Monotonic nanoseconds break ties within one wall millisecond (the same clock for every process).
  const name = `${String(wallMs).padStart(15, '0')}-${process.hrtime.bigint().toString().padStart(20, '0')}-${valid.action_id}.json`;
  const tmp = path.join(dir, `.${name}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(valid) + '\n', { flag: 'wx' });
  const final = path.join(dir, name);
  fs.renameSync(tmp, final);
  return final;
}
