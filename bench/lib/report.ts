/** One line per figure: `name: value unit (ratio x.xx vs baseline)`; the baseline is measured in the same run. */
export function report(
  name: string,
  value: number,
  unit: string,
  baseline?: { value: number; name: string; higherIsBetter?: boolean },
): void {
  const shown = value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
  if (!baseline) {
    console.log(`${name}: ${shown} ${unit}`);
    return;
  }
  const ratio = (baseline.higherIsBetter ?? true) ? value / baseline.value : baseline.value / value;
  console.log(`${name}: ${shown} ${unit} (ratio ${ratio.toFixed(2)} vs ${baseline.name})`);
}

/** Runs fn, returns elapsed seconds (monotonic clock; benchmarks only, never the pipeline). */
export function timed(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
