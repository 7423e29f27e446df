import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

interface Rule {
  name: string;
  from: { path?: string; pathNot?: string };
  to: { path?: string; pathNot?: string; dependencyTypes?: string[]; circular?: boolean };
}
const config = createRequire(import.meta.url)('../../../.dependency-cruiser.cjs') as { forbidden: Rule[] };

/** The rules that forbid this edge between two files (path rules only: the ones a move can break). */
function forbiddenBy(from: string, to: string): string[] {
  return config.forbidden
    .filter((r) => r.to.path !== undefined && r.to.dependencyTypes === undefined && !r.to.circular)
    .filter(
      (r) =>
        (r.from.path === undefined || new RegExp(r.from.path).test(from)) && !(r.from.pathNot && new RegExp(r.from.pathNot).test(from)),
    )
    .filter((r) => new RegExp(r.to.path!).test(to) && !(r.to.pathNot && new RegExp(r.to.pathNot).test(to)))
    .map((r) => r.name);
}

describe('layer rules in .dependency-cruiser.cjs', () => {
  it.each([
    ['src-main/store/audit-log.ts', 'src-main/services/verification/verify-audit.ts', 'store-is-the-bottom'],
    ['src-main/store/audit-log.ts', 'src-main/ipc/registry.ts', 'store-is-the-bottom'],
    ['src-main/io/zip-reader.ts', 'src-main/services/evidence/bundle-layout.ts', 'io-is-a-leaf'],
    ['src-main/pipeline/core/trading-core.ts', 'src-main/store/database.ts', 'pipeline-to-shared-only'],
    ['src-main/pipeline/runner/run.ts', 'src-main/services/sessions/governance.ts', 'pipeline-to-shared-only'],
    ['src-main/services/evidence/export-bundle.ts', 'src-main/ipc/renderer-paths.ts', 'services-not-ipc'],
    ['src-main/services/doctor.ts', 'src-main/cli/io.ts', 'services-not-ipc'],
    ['src-main/services/doctor.ts', 'src-main/electron/main.ts', 'services-not-ipc'],
    ['src-main/cli/main.ts', 'tests/support/cli-run.ts', 'nothing-imports-bench-or-tests'],
    ['src-renderer/src/App.tsx', 'src-main/ipc/registry.ts', 'renderer-not-to-main'],
    ['src-shared/contract.ts', 'src-main/app-context.ts', 'shared-is-pure'],
  ])('%s -> %s is forbidden (%s)', (from, to, rule) => {
    expect(forbiddenBy(from, to)).toContain(rule);
  });

  it.each([
    ['src-main/store/audit-log.ts', 'src-main/store/signing-key/workstation-key.ts'],
    ['src-main/store/workstation-audit.ts', 'src-shared/audit/audit-envelope.ts'],
    ['src-main/pipeline/market-data/taifex-import.ts', 'src-main/io/zip-reader.ts'],
    ['src-main/pipeline/core/trading-core.ts', 'src-shared/risk/risk-rules.ts'],
    ['src-main/services/evidence/zip-bundle.ts', 'src-main/io/zip-reader.ts'],
    ['src-main/services/sessions/governance.ts', 'src-main/store/audit-log.ts'],
    ['src-main/services/sessions/run.ts', 'src-main/pipeline/runner/run.ts'],
    ['src-main/ipc/handlers/evidence.ts', 'src-main/services/evidence/pinned-keys.ts'],
    ['src-main/cli/commands/verify.ts', 'src-main/services/verification/verify-audit.ts'],
  ])('%s -> %s is allowed', (from, to) => {
    expect(forbiddenBy(from, to)).toEqual([]);
  });
});
