import { createAppContext } from '../app-context';
import { appHealth } from '../services/app/app-service';

export interface JobRequest {
  id: string;
  job: 'health';
  dataDir: string;
}

export interface JobProgress {
  done: number;
  total: number;
}

/** The jobs a worker thread can run; later jobs (run, replay, verify, export) register here. */
export async function runJob(req: JobRequest, onProgress: (p: JobProgress) => void): Promise<unknown> {
  switch (req.job) {
    case 'health': {
      const ctx = createAppContext({ dataDir: req.dataDir });
      try {
        onProgress({ done: 0, total: 1 });
        const health = appHealth(ctx);
        onProgress({ done: 1, total: 1 });
        return health;
      } finally {
        ctx.close();
      }
    }
    default:
      throw new Error(`Unknown job ${String((req as { job: unknown }).job)}`);
  }
}
