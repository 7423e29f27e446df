import { z } from 'zod';
import { acknowledgeFinding } from '../../services/verification/finding-acknowledgement';
import { governanceOf } from '../../services/sessions/governance';
import { IncidentResolveInput, IncidentsListInput, type IncidentView } from '../../../src-shared/governance/incident-view';
import { listIncidents, resolveIncident } from '../../services/sessions/incidents';
import type { CommandEnv } from '../io';
import { governanceCall } from './governance-call';

function describe(i: IncidentView): string {
  const resolved =
    i.status === 'resolved' ? `\n  resolved by ${i.resolvedBy} (local attribution) at ${i.resolvedAt}: ${i.resolvedReason}` : '';
  return `${i.id} ${i.sessionId} ${i.kind} ${i.status} opened ${i.openedAt}\n  ${i.detail}${resolved}\n`;
}

export function registerIncidents(env: CommandEnv): void {
  const cmd = env.program.command('incidents').description('incidents opened by recovery (reconciliation breaks, interrupted sessions)');
  cmd
    .command('list')
    .description('incidents, oldest first')
    .option('--session <id>', 'only this session')
    .option('--status <status>', 'open or resolved')
    .option('--json', 'print as JSON')
    .action((opts: { session?: string; status?: string; json?: boolean }) =>
      governanceCall(
        env,
        'incidents list',
        IncidentsListInput,
        { ...(opts.session ? { sessionId: opts.session } : {}), ...(opts.status ? { status: opts.status } : {}) },
        (ctx, input) => listIncidents(ctx, input ?? {}),
        { json: opts.json, text: (list) => (list.length ? list.map(describe).join('') : 'No incidents.\n') },
      ),
    );
  cmd
    .command('resolve <incident>')
    .description('resolve an open incident with a reason (recorded as incident.resolved in the session log)')
    .requiredOption('--by <name>', 'who resolves it (local attribution)')
    .requiredOption('--reason <text>', 'why it is resolved (required)')
    .option('--json', 'print as JSON')
    .action((incident: string, opts: { by: string; reason: string; json?: boolean }) =>
      governanceCall(
        env,
        'incidents resolve',
        IncidentResolveInput,
        { incidentId: incident, actor: opts.by, reason: opts.reason },
        (ctx, input) => resolveIncident(ctx, input),
        { json: opts.json, text: (r) => describe(r.incident) },
      ),
    );
  cmd
    .command('acknowledge-verification')
    .description('go on past the last failed verification: records who and why in the registry (the finding itself stays)')
    .requiredOption('--by <name>', 'who acknowledges it (local attribution)')
    .requiredOption('--reason <text>', 'why new sessions may start on this store (required)')
    .option('--json', 'print as JSON')
    .action((opts: { by: string; reason: string; json?: boolean }) =>
      governanceCall(
        env,
        'incidents acknowledge-verification',
        AcknowledgeInput,
        { by: opts.by, reason: opts.reason },
        (ctx, input) => acknowledgeFinding(governanceOf(ctx).store, input.by, input.reason),
        {
          json: opts.json,
          text: (a) =>
            `Acknowledged ${a.check ?? '-'} in ${a.log ?? '-'} at seq ${a.seq ?? '-'} (verified ${a.verifiedAt}) by ${a.by}: ${a.reason}\n`,
        },
      ),
    );
}

const AcknowledgeInput = z.strictObject({ by: z.string().trim().min(1), reason: z.string().trim().min(1) });
