import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../../src-main/cli/main';
import { codeStamp } from '../../../src-main/version';
import { makeTempDir } from '../../support/temp-dir';
import { smallSpec } from './small-spec';

describe('papertape demo', () => {
  it('tells the story from market snapshot to evidence, following a filled order', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const spec = path.join(dir, 'spec.yaml');
      fs.writeFileSync(spec, stringify(smallSpec()));
      let out = '';
      let err = '';
      const code = await main(['node', 'papertape', '--data-dir', path.join(dir, 'data'), 'demo', '--spec', spec], {
        out: (t) => void (out += t),
        err: (t) => void (err += t),
        isTty: false,
      });
      expect(err).toBe('');
      expect(code).toBe(0);
      const sections = [
        '1. Market snapshot',
        '2. Signal',
        '3. Paper order intent',
        '4. Risk decision  risk ALLOW',
        '5. OMS timeline',
        '6. Position and PnL',
        '7. Where the evidence is',
      ];
      let at = -1;
      for (const s of sections) {
        const i = out.indexOf(s);
        expect(i, s).toBeGreaterThan(at);
        at = i;
      }
      expect(out).toMatch(/SUBMITTED -> ACCEPTED on ACK/);
      // The real pipeline records which build ran it, in session.started and in the registry's session.created.
      const [events] = /\S+events\.jsonl/.exec(out)!;
      const started = fs
        .readFileSync(events, 'utf8')
        .split('\n')
        .map((l) => (l ? (JSON.parse(l) as { type: string; payload: { code_version?: string } }) : null))
        .find((e) => e?.type === 'session.started');
      expect(started?.payload.code_version).toBe(codeStamp());
      expect(out).toMatch(/fill 1 @ \d+ \(taker/);
      const eventsFile = /one canonical JSON line each: (\S+)/.exec(out)?.[1];
      expect(eventsFile && fs.existsSync(eventsFile)).toBe(true);
    } finally {
      cleanup();
    }
  });
});
