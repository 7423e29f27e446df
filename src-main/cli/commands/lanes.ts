import { z } from 'zod';
import type { PromotionEvaluation } from '../../../src-shared/governance/promotion-criteria';
import { LaneConfigureInput } from '../../../src-shared/governance/lane-view';
import { LaneId } from '../../../src-shared/governance/lanes';
import { configureLane, listLanes } from '../../services/lanes/lane-service';
import { laneFunnel } from '../../services/promotion/promotion-service';
import type { CommandEnv } from '../io';
import { governanceCall, readJsonFile } from './governance-call';

/** "fills 41 / 50": each criterion with the number and the threshold, as the lane dashboard shows it. */
export function criteriaLines(evaluation: PromotionEvaluation, indent = '  '): string {
  return evaluation.results
    .map(
      (r) =>
        `${indent}${r.pass ? 'ok  ' : 'FAIL'} ${r.criterion.padEnd(22)} ${r.actual} / ${r.required}${r.pass ? '' : `  (${r.reason})`}\n`,
    )
    .join('');
}

const LaneRef = z.strictObject({ lane: LaneId });

export function registerLanes(env: CommandEnv): void {
  const cmd = env.program.command('lanes').description('paper lanes: their risk envelope, capital and promotion criteria');
  cmd
    .command('list')
    .description('every lane and whether someone configured it (unconfigured lanes fail closed: no capital, every limit 0)')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) =>
      governanceCall(env, 'lanes list', z.undefined(), undefined, (ctx) => listLanes(ctx), {
        json: opts.json,
        text: (lanes) =>
          lanes
            .map(
              (l) =>
                `${l.lane.padEnd(16)} ${l.isDefault ? 'default (fail closed)' : `configured by ${l.configuredBy} at ${l.configuredAt}`}  capital NT$${l.config.paperCapitalCents / 100}\n`,
            )
            .join(''),
      }),
    );
  cmd
    .command('show <lane>')
    .description("one lane: envelope, capital, criteria, and each strategy's progress against every criterion")
    .option('--json', 'print as JSON')
    .action((lane: string, opts: { json?: boolean }) =>
      governanceCall(
        env,
        'lanes show',
        LaneRef,
        { lane },
        (ctx, input) => ({ lane: listLanes(ctx).find((l) => l.lane === input.lane)!, strategies: laneFunnel(ctx, input.lane) }),
        {
          json: opts.json,
          text: ({ lane: l, strategies }) => {
            const env_ = Object.entries(l.config.riskEnvelope).map(([k, v]) => `  ${k.padEnd(26)} ${v}\n`);
            const crit = Object.entries(l.config.promotionCriteria).map(([k, v]) => `  ${k.padEnd(26)} ${v}\n`);
            const strat = strategies.map(
              (s) => `${s.strategyId} ${s.evaluation.eligible ? '(eligible)' : '(not eligible)'}\n${criteriaLines(s.evaluation)}`,
            );
            return [
              `lane ${l.lane}${l.isDefault ? ' (default, fail closed)' : ` (configured by ${l.configuredBy}, local attribution, at ${l.configuredAt})`}\n`,
              `paper capital NT$${l.config.paperCapitalCents / 100} (simulated)\n`,
              'risk envelope\n',
              ...env_,
              'promotion criteria\n',
              ...crit,
              strategies.length ? 'strategies\n' : 'strategies: none has run in this lane\n',
              ...strat,
            ].join('');
          },
        },
      ),
    );
  cmd
    .command('configure <lane>')
    .description("set a lane's envelope, capital and criteria from a JSON file (recorded as lane.configured in the registry log)")
    .requiredOption('--config <file>', 'JSON: { riskEnvelope, paperCapitalCents, promotionCriteria }')
    .requiredOption('--actor <name>', 'who configures it (local attribution)')
    .requiredOption('--reason <text>', 'why')
    .option('--json', 'print as JSON')
    .action((lane: string, opts: { config: string; actor: string; reason: string; json?: boolean }) => {
      const file = readJsonFile(env, 'lanes configure', opts.config);
      if (!file.ok) return;
      governanceCall(
        env,
        'lanes configure',
        LaneConfigureInput,
        { lane, config: file.value, actor: opts.actor, reason: opts.reason },
        (ctx, input) => configureLane(ctx, input),
        { json: opts.json, text: (l) => `lane ${l.lane} configured by ${l.configuredBy} (local attribution) at ${l.configuredAt}\n` },
      );
    });
}
