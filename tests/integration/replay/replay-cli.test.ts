import fs from 'node:fs';
import path from 'node:path';
import { sign } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
import { createAppContext } from '../../../src-main/app-context';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { CliIo } from '../../../src-main/cli/io';
import { exportSession } from '../../../src-main/services/evidence/export-session';
import { sha256File } from '../../../src-main/services/evidence/sha256-sums';
import { loadReplay } from '../../../src-main/services/replay/replay-source';
import { replayInputs } from '../../../src-main/services/replay/replay-session';
import { fileSigningKeyStore } from '../../../src-main/store/signing-key/signing-key-store';
import { loadOrCreateWorkstationKey } from '../../../src-main/store/signing-key/workstation-key';
import { keyDirOf } from '../../../src-main/store/workstation-audit';
import type { MarketEvent } from '../../../src-shared/market/quote';
import { makeTempDir } from '../../support/temp-dir';
import { demoSpec, haltResumeOrder, recordSession, replayApp, type ReplayApp } from './replay-fixture';

function capture(): CliIo & { text: () => string } {
  let out = '';
  return { out: (t) => void (out += t), err: (t) => void (out += t), isTty: false, text: () => out };
}

/** Moves one quote's prices by +200 points (the first TX quote at or after `atMs`), keeping the canonical line form. */
function shiftQuote(lines: string[], atMs: number): { lines: string[]; index: number } {
  const index = lines.findIndex((l) => {
    const e = JSON.parse(l) as MarketEvent;
    return e.kind === 'quote' && e.quote.contract === 'TX 202612' && e.quote.receiveTs >= atMs;
  });
  const e = JSON.parse(lines[index]!) as MarketEvent & { kind: 'quote' };
  const q = e.quote;
  const up = (v: number | null) => (v === null ? null : v + 200);
  const moved = {
    ...e,
    quote: {
      ...q,
      bid: up(q.bid),
      ask: up(q.ask),
      last: up(q.last),
      bids: q.bids.map((l) => ({ ...l, price: l.price + 200 })),
      asks: q.asks.map((l) => ({ ...l, price: l.price + 200 })),
    },
  };
  const out = [...lines];
  out[index] = canonicalize(moved)!;
  return { lines: out, index };
}

describe('papertape replay / metrics on a recorded demo session', () => {
  let app: ReplayApp;
  let sessionId: string;
  let bundle: string;
  let bundleNoData: string;
  const tmp = makeTempDir('papertape-replay-cli-');

  beforeAll(async () => {
    app = replayApp();
    ({ sessionId } = await recordSession(app.ctx, demoSpec(), haltResumeOrder()));
    bundle = path.join(tmp.dir, 'bundle');
    bundleNoData = path.join(tmp.dir, 'bundle-nodata');
    await exportSession(app.ctx, { sessionId, outDir: bundle, zip: true });
    await exportSession(app.ctx, { sessionId, outDir: bundleNoData, includeData: false });
    app.ctx.close();
  }, 120_000);
  afterAll(() => {
    app.cleanup();
    tmp.cleanup();
  });

  it('replays from the store, the bundle folder and the zip with exit 0 and the same root', async () => {
    const roots: string[] = [];
    for (const target of [sessionId, bundle, `${bundle}.zip`]) {
      const io = capture();
      expect(await main(['node', 'papertape', '--data-dir', app.dataDir, 'replay', target, '--json'], io), io.text()).toBe(0);
      const r = JSON.parse(io.text()) as { status: string; original: { root: string }; replay: { root: string }; source: string };
      expect(r.status).toBe('identical');
      expect(r.replay.root).toBe(r.original.root);
      roots.push(r.replay.root);
    }
    expect(new Set(roots).size).toBe(1);
    const manifest = JSON.parse(fs.readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as { root: string };
    expect(roots[0]).toBe(manifest.root);
  }, 120_000);

  it('refuses a --no-data bundle without --data, and --data whose fingerprint differs (exit 2); accepts the right data', async () => {
    const none = capture();
    expect(await main(['node', 'papertape', 'replay', bundleNoData], none)).toBe(2);
    expect(none.text()).toMatch(/^REPLAY_DATA_MISSING: .*--data FILE/m);

    const lines = fs.readFileSync(path.join(bundle, 'replay-data.jsonl'), 'utf8').trimEnd().split('\n');
    const altered = path.join(tmp.dir, 'altered.jsonl');
    fs.writeFileSync(altered, shiftQuote(lines, Date.UTC(2026, 11, 1, 0, 50)).lines.join('\n') + '\n');
    const wrong = capture();
    expect(await main(['node', 'papertape', 'replay', bundleNoData, '--data', altered], wrong)).toBe(2);
    expect(wrong.text()).toMatch(/^REPLAY_DATA_MISMATCH: file=.*altered\.jsonl, fingerprint=[0-9a-f]{64}, recorded=[0-9a-f]{64}/m);

    const right = capture();
    expect(await main(['node', 'papertape', 'replay', bundleNoData, '--data', path.join(bundle, 'replay-data.jsonl')], right)).toBe(0);
    expect(right.text()).toMatch(/IDENTICAL/);
  }, 120_000);

  it('a resealed bundle with an altered quote still verifies, but replay refuses its data against the signed log', async () => {
    const copy = path.join(tmp.dir, 'resealed');
    fs.cpSync(bundle, copy, { recursive: true });
    const dataFile = path.join(copy, 'replay-data.jsonl');
    const lines = fs.readFileSync(dataFile, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(dataFile, shiftQuote(lines, Date.UTC(2026, 11, 1, 0, 50)).lines.join('\n') + '\n');
    const sha = sha256File(dataFile);
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8')) as {
      data: { fingerprint: string; sha256: string };
    };
    manifest.data.fingerprint = sha;
    manifest.data.sha256 = sha;
    fs.writeFileSync(path.join(copy, 'manifest.json'), canonicalize(manifest) + '\n');
    const key = loadOrCreateWorkstationKey(fileSigningKeyStore(keyDirOf(app.dataDir)));
    const sums = fs
      .readdirSync(copy)
      .filter((f) => f !== 'SHA256SUMS' && f !== 'SHA256SUMS.sig')
      .sort()
      .map((f) => `${sha256File(path.join(copy, f))}  ${f}\n`)
      .join('');
    fs.writeFileSync(path.join(copy, 'SHA256SUMS'), sums);
    fs.writeFileSync(path.join(copy, 'SHA256SUMS.sig'), sign(null, Buffer.from(sums), key.privateKey));
    const v = capture();
    const pemFile = path.join(tmp.dir, 'analyst.pem');
    fs.writeFileSync(pemFile, key.publicPem);
    expect(await main(['node', 'papertape', 'verify', copy, '--pubkey', pemFile], v), v.text()).toBe(0);
    const io = capture();
    expect(await main(['node', 'papertape', 'replay', copy], io)).toBe(2);
    expect(io.text()).toMatch(/^REPLAY_DATA_MISMATCH: .*recorded=/m);
  }, 120_000);

  it('altered data that slips past the fingerprint names the first differing seq and shows both events (exit 1 path)', async () => {
    const loaded = loadReplay({ kind: 'bundle', path: bundle });
    try {
      const file = path.join(tmp.dir, 'lying.jsonl');
      const lines = fs.readFileSync(path.join(bundle, 'replay-data.jsonl'), 'utf8').trimEnd().split('\n');
      fs.writeFileSync(file, shiftQuote(lines, Date.UTC(2026, 11, 1, 0, 50)).lines.join('\n') + '\n');
      const honest = loaded.inputs.data;
      // A data set that claims the recorded fingerprint but yields the altered quote.
      const lying = {
        ...honest,
        *events(): Iterable<MarketEvent> {
          for (const l of fs.readFileSync(file, 'utf8').trimEnd().split('\n')) yield JSON.parse(l) as MarketEvent;
        },
      };
      const r = await replayInputs({ ...loaded.inputs, data: lying });
      expect(r.status).toBe('diverged');
      expect(r.replay.root).not.toBe(r.original.root);
      const d = r.divergence!;
      expect(d.seq).toBeGreaterThan(0);
      const o = JSON.parse(d.original!) as { seq: number; ts: string };
      const p = JSON.parse(d.replayed!) as { seq: number; ts: string };
      expect(o.seq).toBe(d.seq);
      expect(p.seq).toBe(d.seq);
      expect(d.original).not.toBe(d.replayed);
      // Everything before the changed quote's time is reproduced.
      expect(Date.parse(o.ts) >= Date.UTC(2026, 11, 1, 0, 50) || Date.parse(p.ts) >= Date.UTC(2026, 11, 1, 0, 50)).toBe(true);
    } finally {
      loaded.cleanup();
    }
  }, 120_000);

  it('what-if: a harsher latency and an ack timeout change the fills; nothing is written to the store', async () => {
    const io = capture();
    const logSize = () => {
      const ctx = createAppContext({ dataDir: app.dataDir });
      try {
        return governanceOf(ctx).store.size(sessionLogId(sessionId));
      } finally {
        ctx.close();
      }
    };
    const before = logSize();
    const args = [
      'node',
      'papertape',
      '--data-dir',
      app.dataDir,
      'replay',
      sessionId,
      '--latency',
      '3000,3000',
      '--fill-model',
      '{"ackTimeoutMs":1000}',
      '--json',
    ];
    expect(await main(args, io), io.text()).toBe(0);
    const rep = JSON.parse(io.text()) as {
      rows: { label: string; outcome: { fills: number; avgSlippagePoints: string | null } }[];
      range: { fills: { min: string; max: string } };
    };
    expect(rep.rows.map((r) => r.label)).toEqual(['recorded', 'fill 1 latency 3000,3000']);
    const [rec, harsh] = rep.rows;
    expect(rec!.outcome.fills).toBeGreaterThan(0);
    expect(harsh!.outcome.fills).toBeLessThan(rec!.outcome.fills);
    expect(rep.range.fills).toEqual({ min: String(harsh!.outcome.fills), max: String(rec!.outcome.fills) });

    const lat = capture();
    expect(await main(['node', 'papertape', '--data-dir', app.dataDir, 'replay', sessionId, '--latency', '20;2000,2000'], lat)).toBe(0);
    const table = lat.text().split('\n');
    expect(table[0]).toMatch(/^variant\s+fills\s+slip pts/);
    expect(table.map((l) => l.split(/\s{2,}/)[0])).toEqual(['variant', 'recorded', 'latency 20', 'latency 2000,2000', 'range', '']);
    const cells = (i: number) => table[i]!.split(/\s{2,}/).slice(1);
    expect(cells(1)).toEqual(cells(2)); // latency 20 is the recorded fill model
    expect(cells(3)).not.toEqual(cells(1));
    expect(logSize()).toBe(before);
  }, 120_000);

  it('triangulate: a backtest of the same spec and window matches every order of the recorded session', async () => {
    const io = capture();
    expect(await main(['node', 'papertape', '--data-dir', app.dataDir, 'triangulate', sessionId, '--json'], io), io.text()).toBe(0);
    const t = JSON.parse(io.text()) as {
      orders: { paper: unknown; backtest: unknown }[];
      unmatched: number;
      deltas: { fills: number; netPnl: string };
      paper: { fills: number };
    };
    expect(t.paper.fills).toBeGreaterThan(0);
    expect(t.orders.length).toBeGreaterThan(0);
    // The recorded run is itself a backtest with the same operator actions at the same times: no deltas.
    expect(t.unmatched).toBe(0);
    expect(t.deltas).toEqual({ fills: 0, avgSlippagePoints: '0.00', grossPnl: '0.00', netPnl: '0.00' });
  }, 120_000);

  it('metrics: Prometheus text exposition that parses line by line and carries the summary values', async () => {
    const out = path.join(tmp.dir, 'metrics.prom');
    const io = capture();
    expect(await main(['node', 'papertape', '--data-dir', app.dataDir, 'metrics', sessionId, '--prometheus', out], io), io.text()).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const HELP = /^# HELP (papertape_[a-z_]+) \S.*$/;
    const TYPE = /^# TYPE (papertape_[a-z_]+) (counter|gauge)$/;
    const SAMPLE = /^(papertape_[a-z_]+)\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*",?)*)\} (-?\d+(?:\.\d+)?)$/;
    let current = '';
    const seen = new Map<string, string>();
    for (const line of text.trimEnd().split('\n')) {
      const h = HELP.exec(line);
      const t = TYPE.exec(line);
      const s = SAMPLE.exec(line);
      expect(h ?? t ?? s, line).not.toBeNull();
      if (h) current = h[1]!;
      if (t) expect(t[1]).toBe(current);
      if (s) {
        expect(s[1]).toBe(current);
        expect(s[2]).toContain(`session="${sessionId}"`);
        expect(s[2]).toContain('lane="paper_research"');
        seen.set(`${s[1]}{${s[2]}}`, s[3]!);
      }
    }
    const base = `session="${sessionId}",lane="paper_research"`;
    expect(seen.get(`papertape_orders_total{${base},outcome="filled"}`)).toMatch(/^\d+$/);
    expect(seen.get(`papertape_net_pnl_ntd{${base}}`)).toMatch(/^-?\d+\.\d{2}$/);
    expect([...seen.keys()].some((k) => k.startsWith('papertape_fills_total{') && k.includes('contract="TX 202612"'))).toBe(true);
  }, 120_000);
});
