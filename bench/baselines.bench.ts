import { canonicalRows, rawInsertRate, rawSha256Rate } from './lib/baselines';
import { envInt, report } from './lib/report';

// The two baselines later figures compare against, printed on their own so drift is visible.
const n = envInt('PAPERTAPE_BENCH_ROWS', 20_000);
const rows = canonicalRows(n);
const batched = rawInsertRate(rows, 100);
const single = rawInsertRate(rows.slice(0, Math.min(n, 2_000)), 1);
report('baseline raw sqlite insert (WAL, sync=FULL, batch=100)', batched, 'rows/s');
report('baseline raw sqlite insert (WAL, sync=FULL, batch=1)', single, 'rows/s', { value: batched, name: 'batch=100' });
const sha = rawSha256Rate(rows);
report('baseline raw crypto.hash sha256 over canonical rows', sha.bytesPerSec / 1e6, 'MB/s');
report('baseline raw crypto.hash sha256 rows', sha.rowsPerSec, 'rows/s');
