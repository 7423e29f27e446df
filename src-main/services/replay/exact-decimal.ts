/** Decimal text (`-1.25`, `3`) as an exact BigInt at a fixed scale, so sums of slippage never touch floats. */
export const DECIMAL_SCALE = 1_000_000n;
const SCALE_DIGITS = 6;

export function parseDecimal(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  const frac = (m[3] ?? '').padEnd(SCALE_DIGITS, '0');
  if (frac.length > SCALE_DIGITS && /[1-9]/.test(frac.slice(SCALE_DIGITS))) throw new RangeError(`too many decimal places: ${text}`);
  const v = BigInt(m[2]!) * DECIMAL_SCALE + BigInt(frac.slice(0, SCALE_DIGITS));
  return m[1] === '-' ? -v : v;
}

/** A scaled value (see DECIMAL_SCALE) as text with exactly `places` decimals, rounded half away from zero. */
export function formatScaled(v: bigint, places = 2): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const unit = 10n ** BigInt(SCALE_DIGITS - places);
  const rounded = (abs + unit / 2n) / unit;
  const p = 10n ** BigInt(places);
  const whole = rounded / p;
  const frac = (rounded % p).toString().padStart(places, '0');
  const body = places > 0 ? `${whole}.${frac}` : `${whole}`;
  return neg && rounded !== 0n ? `-${body}` : body;
}

/** sum / count of scaled values, still scaled, rounded half away from zero; null for no values. */
export function meanScaled(sum: bigint, count: bigint): bigint | null {
  if (count === 0n) return null;
  const neg = sum < 0n;
  const abs = neg ? -sum : sum;
  const q = (abs * 2n + count) / (count * 2n);
  return neg ? -q : q;
}
