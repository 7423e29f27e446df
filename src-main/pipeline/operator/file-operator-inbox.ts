import fs from 'node:fs';
import path from 'node:path';
import { OperatorActionSchema, type OperatorAction, type OperatorInbox, type OperatorPoll } from './operator-action';
import { inboxDir, PROCESSED } from './inbox-paths';

/**
 * Reads action files from `<dataDir>/operator-inbox/<sessionId>/`. Polling a directory costs a syscall,
 * so in a fast backtest only every `pollEvery`-th call looks at the disk.
 */
export class FileOperatorInbox implements OperatorInbox {
  readonly dir: string;
  private readonly files = new Map<string, string>();
  private calls = 0;

  constructor(
    dataDir: string,
    sessionId: string,
    private readonly pollEvery = 1,
  ) {
    this.dir = inboxDir(dataDir, sessionId);
    fs.mkdirSync(path.join(this.dir, PROCESSED), { recursive: true });
  }

  poll(): OperatorPoll {
    const out: OperatorPoll = { actions: [], rejected: [] };
    if (this.calls++ % this.pollEvery !== 0) return out;
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return out;
    }
    for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
      const file = path.join(this.dir, name);
      try {
        const action = OperatorActionSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
        // Already handed out and not yet done (applied in this same step): do not apply twice.
        if (this.files.has(action.action_id)) continue;
        this.files.set(action.action_id, file);
        out.actions.push(action);
      } catch (err) {
        out.rejected.push({ file, reason: err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err) });
        this.moveAside(file, '.rejected');
      }
    }
    return out;
  }

  done(action: OperatorAction): void {
    const file = this.files.get(action.action_id);
    if (!file) return;
    this.files.delete(action.action_id);
    this.moveAside(file, '');
  }

  private moveAside(file: string, suffix: string): void {
    fs.renameSync(file, path.join(this.dir, PROCESSED, path.basename(file) + suffix));
  }
}
