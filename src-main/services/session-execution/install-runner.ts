import { setDefaultSessionRunner } from '../sessions/session-runner-port';
import type { ExecutionOptions } from './execute-session';
import { createPipelineSessionRunner } from './pipeline-session-runner';

/** CLI and plain-Node hosts: the real pipeline in the calling thread becomes the default session runner. */
export function installInProcessRunner(opts: ExecutionOptions = {}): void {
  setDefaultSessionRunner(createPipelineSessionRunner(opts));
}
