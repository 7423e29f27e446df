import type { RegisterCommand } from '../io';
import { registerDoctor } from './doctor';

/** Every CLI command, one module each. Add a command by adding its register function here. */
export const COMMANDS: readonly RegisterCommand[] = [registerDoctor];
