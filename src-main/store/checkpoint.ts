/** C2SP tlog-checkpoint body: origin line, decimal tree size, base64 root hash, each ending in LF. */
export interface CheckpointBody {
  origin: string;
  size: number;
  root: Buffer;
}

export function formatCheckpoint({ origin, size, root }: CheckpointBody): string {
  if (origin === '' || /[\n]/.test(origin)) throw new Error('A checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`Bad checkpoint size ${size}`);
  if (root.length !== 32) throw new Error('A checkpoint root is a 32-byte SHA-256 hash');
  return `${origin}\n${size}\n${root.toString('base64')}\n`;
}

/** Parses a checkpoint body strictly (no leading zeros, canonical base64); extension lines are refused. */
export function parseCheckpoint(body: string): CheckpointBody | null {
  const lines = body.split('\n');
  if (lines.length !== 4 || lines[3] !== '') return null;
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin === '' || !/^(0|[1-9][0-9]*)$/.test(sizeText)) return null;
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return null;
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== 32 || root.toString('base64') !== rootText) return null;
  return { origin, size, root };
}

/** Each log has its own origin under the workstation's: `<workstation origin>/<log id>`. */
export function logOrigin(workstationOrigin: string, log: string): string {
  return `${workstationOrigin}/${log}`;
}
