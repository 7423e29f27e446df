import type { RegisterCommand } from '../io';
import { registerBundleVerify } from './bundle-verify';
import { registerDoctor } from './doctor';
import { registerExport } from './export';
import { registerInspect } from './inspect';
import { registerSessions } from './sessions';
import { registerDrill } from './drill';
import { registerDemo } from './demo';
import { registerHalt } from './halt';
import { registerScenario } from './scenario';
import { registerRun } from './run';
import { registerKey } from './key';
import { registerVerify } from './verify';
import { registerReplay } from './replay';
import { registerTriangulate } from './triangulate';
import { registerMetrics } from './metrics';
import { registerData } from './data';
import { registerLanes } from './lanes';
import { registerPromote } from './promote';
import { registerApprovals } from './approvals';
import { registerIncidents } from './incidents';
import { registerVerifierHashes } from './verifier-hashes';

/** Every CLI command, one module each. Add a command by adding its register function here. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerDoctor,
  registerVerify,
  registerKey,
  registerRun,
  registerDemo,
  registerHalt,
  registerScenario,
  registerSessions,
  registerDrill,
  registerExport,
  registerBundleVerify,
  registerVerifierHashes,
  registerInspect,
  registerReplay,
  registerTriangulate,
  registerMetrics,
  registerData,
  registerLanes,
  registerPromote,
  registerApprovals,
  registerIncidents,
];
