import { z } from 'zod';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundle-layout';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** manifest.json: what the bundle claims; every claim is checked against the signed checkpoint. */
export const BundleManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  format_version: z.literal(BUNDLE_FORMAT_VERSION),
  origin: z.string().min(1),
  log: z.string().min(1),
  session_id: z.string().min(1),
  checkpoint_origin: z.string().min(1),
  key: z.strictObject({ name: z.string().min(1), id: z.string().regex(/^[0-9a-f]{8}$/), fingerprint: hex64 }),
  genesis: hex64,
  size: z.int().min(0),
  root: hex64,
  run_spec: z.record(z.string(), z.json()).nullable(),
  data: z.strictObject({
    included: z.boolean(),
    file: z.string().nullable(),
    id: z.string().nullable(),
    fingerprint: z.string().nullable(),
    sha256: hex64.nullable(),
  }),
  data_fingerprints: z.array(z.string()),
  code_version: z.string(),
  created_at: z.string(),
  notice: z.string(),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

export const SIMULATED_NOTICE = 'Simulated paper trading record. Not investment advice. No real orders were placed.';
