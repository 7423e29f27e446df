import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Live trading must be absent, not disabled. This scans every product source file and, when a build
 * exists, every built bundle, for a trading mode other than `paper` and for broker SDKs.
 */
const ROOT = path.resolve(__dirname, '../../..');
const SOURCE_DIRS = ['src-main', 'src-shared', 'src-renderer', 'fixtures', 'resources', 'docs', 'bin', 'scripts'];
// Built from parts so this file does not itself contain the forbidden word.
const FORBIDDEN_MODE = new RegExp(`\\b${'li' + 've'}\\b`, 'i');
const BROKER_SDKS = [
  'shioaji',
  'fubon',
  'capitalapi',
  'skcom',
  'yuanta',
  'ccxt',
  'ib_insync',
  'ibapi',
  'alpaca',
  'ctp',
  'tradestation',
  'kgi',
];
const BROKER_PATTERN = new RegExp(`(['"\`/])(${BROKER_SDKS.join('|')})(['"\`/@-])`, 'i');
const TEXT_EXT = new Set([
  '.ts',
  '.tsx',
  '.js',
  '.mjs',
  '.cjs',
  '.json',
  '.yaml',
  '.yml',
  '.md',
  '.html',
  '.css',
  '.csv',
  '.jsonl',
  '.txt',
]);

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
    return TEXT_EXT.has(path.extname(e.name)) ? [p] : [];
  });
}

describe('no real-money path exists', () => {
  it('no source, fixture or doc file names a trading mode other than paper', () => {
    const files = SOURCE_DIRS.flatMap((d) => walk(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => FORBIDDEN_MODE.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('no dependency is a broker SDK, and no source imports one', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(deps.filter((d) => BROKER_SDKS.some((b) => d.toLowerCase().includes(b)))).toEqual([]);
    const files = ['src-main', 'src-shared', 'src-renderer'].flatMap((d) => walk(path.join(ROOT, d)));
    expect(files.filter((f) => BROKER_PATTERN.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('the contract declares paper as the only mode', async () => {
    const { TradingMode } = await import('../../../src-shared/contract');
    expect(TradingMode.safeParse('paper').success).toBe(true);
    expect(TradingMode.safeParse('li' + 've').success).toBe(false);
    expect(TradingMode.safeParse('real').success).toBe(false);
  });

  const outDir = path.join(ROOT, 'out');
  it.skipIf(!fs.existsSync(outDir))('built bundles hold no other trading mode, no broker SDK and no network module', () => {
    const bundles = walk(outDir).filter((f) => /\.(c?m?js|html)$/.test(f));
    expect(bundles.length).toBeGreaterThan(0);
    const quotedMode = new RegExp(`["'\`]${'li' + 've'}["'\`]`, 'i');
    const networkRequire = /(require\(|from\s*)["'](node:)?(net|http|https|http2|tls|dgram)["']/;
    for (const f of bundles) {
      const text = fs.readFileSync(f, 'utf8');
      expect.soft(quotedMode.test(text), `${path.relative(ROOT, f)} has a quoted non-paper mode`).toBe(false);
      expect.soft(BROKER_PATTERN.test(text), `${path.relative(ROOT, f)} names a broker SDK`).toBe(false);
      if (!f.includes(`${path.sep}renderer${path.sep}`))
        expect.soft(networkRequire.test(text), `${path.relative(ROOT, f)} imports a network module`).toBe(false);
    }
  });
});
