import { PromotionDecideInput, PromotionRequestInput } from '../../../src-shared/governance/promotion-view';
import type { PromotionView } from '../../../src-shared/governance/promotion-view';
import { decidePromotion, requestPromotion } from '../../services/promotion/promotion-service';
import type { CommandEnv } from '../io';
import { governanceCall } from './governance-call';
import { criteriaLines } from './lanes';

function describe(p: PromotionView): string {
  const head = `promotion ${p.id}: ${p.strategyId} ${p.fromLane} -> ${p.toLane}, ${p.status}, requested by ${p.requestedBy} (local attribution)\n`;
  const decision = p.decision ? `decided by ${p.decision.reviewer}: ${p.decision.decision} (${p.decision.reason})\n` : '';
  return head + decision;
}

export function registerPromote(env: CommandEnv): void {
  const cmd = env.program.command('promote').description('promotion from paper_research to paper_gatecheck, on evidence from the logs');
  cmd
    .command('request <strategy>')
    .description('request a promotion (a registry event); it can be approved only once every criterion holds')
    .requiredOption('--by <name>', 'who requests it (local attribution)')
    .requiredOption('--reason <text>', 'why')
    .option('--from <lane>', 'lane to promote from', 'paper_research')
    .option('--json', 'print as JSON')
    .action((strategy: string, opts: { by: string; reason: string; from: string; json?: boolean }) =>
      governanceCall(
        env,
        'promote request',
        PromotionRequestInput,
        { strategyId: strategy, fromLane: opts.from, requestedBy: opts.by, reason: opts.reason },
        (ctx, input) => requestPromotion(ctx, input),
        {
          json: opts.json,
          text: (p) =>
            describe(p) +
            (p.evaluationAtRequest.eligible
              ? 'every criterion holds; another person may now review it\n'
              : 'not yet approvable, these criteria fail:\n') +
            criteriaLines(p.evaluationAtRequest),
        },
      ),
    );
  cmd
    .command('review <promotion>')
    .description(
      'approve or reject a request (a registry event); a different name than the requester; approval is refused while a criterion fails',
    )
    .requiredOption('--by <name>', 'reviewer (local attribution), not the requester')
    .requiredOption('--decision <decision>', 'approved or rejected')
    .requiredOption('--reason <text>', 'why (required)')
    .option('--json', 'print as JSON')
    .action((promotion: string, opts: { by: string; decision: string; reason: string; json?: boolean }) =>
      governanceCall(
        env,
        'promote review',
        PromotionDecideInput,
        { promotionId: promotion, reviewer: opts.by, decision: opts.decision, reason: opts.reason },
        (ctx, input) => decidePromotion(ctx, input),
        { json: opts.json, text: describe },
      ),
    );
}
