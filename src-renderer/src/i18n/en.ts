/** English strings. zh-TW must hold exactly the same keys; a unit test compares them. */
export const en = {
  app: {
    name: 'Papertape',
    tagline: 'Paper-only workstation for TAIFEX index futures',
    simulated: 'All orders, fills and PnL are simulated. Nothing here is investment advice.',
  },
  header: {
    paperOnly: 'PAPER ONLY',
    dataDir: 'Data directory',
    audit: 'Audit',
    exchangeTime: 'Exchange time (Asia/Taipei)',
    language: 'Language',
    toggleTheme: 'Toggle light or dark theme',
    toggleNavigation: 'Toggle navigation',
  },
  audit: {
    empty: 'empty',
    unverified: 'not verified',
    verified: 'verified',
    failed: 'failed',
    loading: 'checking…',
    storeUnreachable: 'Store unreachable: {{error}}',
  },
  nav: {
    label: 'Views',
    market: 'Market',
    orders: 'Orders',
    portfolio: 'Portfolio',
    risk: 'Risk',
    sessions: 'Sessions',
    approvals: 'Approvals',
    audit: 'Audit',
    evidence: 'Evidence',
    replay: 'Replay',
  },
  planned: {
    badge: 'Not built yet',
    intro: 'This view is not built yet. When it is, it will hold:',
    market:
      'The market path for the session’s contracts: bid/ask and trades on a chart, the depth ladder, quote age and the current regime.',
    orders:
      'Every paper order with its OMS timeline: intent, risk decision and reason, acknowledgements, partial fills, cancels, expiries and rejects.',
    portfolio:
      'Positions per dated contract, average price, realized and unrealized PnL (simulated), fees, tax, margin in use and TX-equivalent exposure.',
    risk: 'The risk envelope and its usage, the trading state (active, reducing, halted), breaker status, and the operator halt and resume controls.',
    sessions:
      'The session registry: sessions by lane with status, owner, spec and data hashes, and controls to create, start, pause, resume and stop.',
    approvals: 'The approval queue: intents waiting for research review and then risk review, with every recorded decision.',
    audit:
      'Hash-chain and Merkle verification of each session log and the registry log, with signed checkpoints and the first failing event if any.',
    evidence: 'Evidence bundles: export a session, and open a bundle to verify it before it is shown read-only.',
    replay:
      'Deterministic replay of a session or bundle, the first divergence if any, and what-if runs under other fill models and latencies.',
  },
  system: {
    title: 'Workstation',
    version: 'Version',
    build: 'Build',
    node: 'Node.js',
    electron: 'Electron',
    sqlite: 'SQLite',
    schema: 'Schema version',
    none: 'none',
    checkedAt: 'Checked at',
    refresh: 'Check again',
    callFailed: 'The main process refused the call: {{message}}',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
