import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
import { OperatorActionSchema } from '../../../src-main/pipeline/operator/operator-action';
import { FileOperatorInbox } from '../../../src-main/pipeline/operator/file-operator-inbox';
import { makeTempDir } from '../../support/temp-dir';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'papertape', ...args], { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false });
  return { code, out, err };
}

describe('operator commands', () => {
  it('halt, order and resume drop valid action files that the inbox hands out in order, once', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const d = ['--data-dir', dir];
      expect((await cli([...d, 'halt', '--session', 's-1', '--operator', 'mei', '--reason', 'spike'])).code).toBe(0);
      const order = await cli([
        ...d,
        'order',
        '--session',
        's-1',
        '--operator',
        'mei',
        '--contract',
        'TX 202612',
        '--side',
        'sell',
        '--quantity',
        '2',
        '--limit',
        '23000',
        '--tif',
        'rod',
        '--reason',
        'flatten',
      ]);
      expect(order.code).toBe(0);
      expect((await cli([...d, 'resume', '--session', 's-1', '--operator', 'mei', '--reason', 'checked the feed'])).code).toBe(0);

      const inbox = new FileOperatorInbox(dir, 's-1');
      const files = fs.readdirSync(inbox.dir).filter((n) => n.endsWith('.json'));
      expect(files).toHaveLength(3);
      expect(fs.readdirSync(inbox.dir).some((n) => n.endsWith('.tmp'))).toBe(false);
      const { actions, rejected } = inbox.poll();
      expect(rejected).toEqual([]);
      expect(actions.map((a) => a.kind)).toEqual(['halt', 'order', 'resume']);
      expect(actions.every((a) => OperatorActionSchema.safeParse(a).success)).toBe(true);
      expect(actions[1]).toMatchObject({
        order: { contract: 'TX 202612', side: 'SELL', quantity: 2, order_type: 'LIMIT', limit_price: 23000, time_in_force: 'ROD' },
      });
      // Not yet done: a second poll does not hand them out again.
      expect(inbox.poll().actions).toEqual([]);
      for (const a of actions) inbox.done(a);
      expect(fs.readdirSync(inbox.dir).filter((n) => n.endsWith('.json'))).toEqual([]);
      expect(fs.readdirSync(path.join(inbox.dir, 'processed'))).toHaveLength(3);
    } finally {
      cleanup();
    }
  });

  it('requires a reason to resume, and refuses bad input with exit 2', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const noReason = await cli(['--data-dir', dir, 'resume', '--session', 's-1', '--operator', 'mei']);
      expect(noReason.code).toBe(2);
      expect(noReason.err).toContain("required option '--reason <text>' not specified");
      const badSide = await cli([
        '--data-dir',
        dir,
        'order',
        '--session',
        's-1',
        '--operator',
        'm',
        '--contract',
        'TX 202612',
        '--side',
        'hold',
        '--quantity',
        '1',
        '--reason',
        'r',
      ]);
      expect(badSide.code).toBe(2);
      const badSession = await cli(['--data-dir', dir, 'halt', '--session', '../etc', '--operator', 'm']);
      expect(badSession.code).toBe(2);
      expect(badSession.err).toContain('not a valid session id');
      expect(fs.existsSync(path.join(dir, 'operator-inbox', 's-1'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('moves an unreadable action file aside and reports it', () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const inbox = new FileOperatorInbox(dir, 's-2');
      fs.writeFileSync(path.join(inbox.dir, '000000000000001-x.json'), '{"v":1,"kind":"launch"}');
      const { actions, rejected } = inbox.poll();
      expect(actions).toEqual([]);
      expect(rejected).toHaveLength(1);
      expect(fs.readdirSync(path.join(inbox.dir, 'processed'))).toEqual(['000000000000001-x.json.rejected']);
    } finally {
      cleanup();
    }
  });
});
