import { ApprovalDecideInput, ApprovalsListInput, type ApprovalView } from '../../../src-shared/governance/approval-view';
import { decideApproval, listApprovals } from '../../services/approvals/approval-service';
import type { CommandEnv } from '../io';
import { governanceCall } from './governance-call';

function describe(a: ApprovalView): string {
  const intent = a.intent as Record<string, unknown>;
  const what = ['side', 'quantity', 'contract']
    .map((k) => intent[k])
    .filter((v) => v !== undefined)
    .join(' ');
  const decisions = a.decisions.map((d) => `  ${d.stage}: ${d.outcome} by ${d.reviewer} (${d.reason})\n`).join('');
  return `${a.id} ${a.sessionId} ${a.status.padEnd(17)} ${what}\n${decisions}`;
}

export function registerApprovals(env: CommandEnv): void {
  const cmd = env.program
    .command('approvals')
    .description('intents waiting for review: research review first, then risk review (names are local attribution)');
  cmd
    .command('list')
    .description('approvals with their status and decisions')
    .option('--session <id>', 'only this session')
    .option('--status <status>', 'pending_research, pending_risk, released, rejected or needs_data_review')
    .option('--json', 'print as JSON')
    .action((opts: { session?: string; status?: string; json?: boolean }) =>
      governanceCall(
        env,
        'approvals list',
        ApprovalsListInput,
        { ...(opts.session ? { sessionId: opts.session } : {}), ...(opts.status ? { status: opts.status } : {}) },
        (ctx, input) => listApprovals(ctx, input ?? {}),
        { json: opts.json, text: (list) => (list.length ? list.map(describe).join('') : 'No approvals.\n') },
      ),
    );
  cmd
    .command('decide <approval>')
    .description('one review stage: research first, then risk, by different names; a reason is required')
    .requiredOption('--stage <stage>', 'research or risk')
    .requiredOption('--by <name>', 'reviewer (local attribution)')
    .requiredOption('--outcome <outcome>', 'approved, rejected or needs_data_review')
    .requiredOption('--reason <text>', 'why (required)')
    .option('--json', 'print as JSON')
    .action((approval: string, opts: { stage: string; by: string; outcome: string; reason: string; json?: boolean }) =>
      governanceCall(
        env,
        'approvals decide',
        ApprovalDecideInput,
        { approvalId: approval, stage: opts.stage, reviewer: opts.by, outcome: opts.outcome, reason: opts.reason },
        (ctx, input) => decideApproval(ctx, input),
        { json: opts.json, text: describe },
      ),
    );
}
