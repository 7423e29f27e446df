/**
 * num / den as a decimal string, exact when it terminates within `maxPlaces`, otherwise rounded
 * half-up (away from zero) at `maxPlaces`. Trailing zeros are dropped: 301/3 -> "100.333333", 45/2 -> "22.5".
 */
export function ratioToDecimal(num: number, den: number, maxPlaces = 6): string {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) throw new RangeError('ratioToDecimal takes safe integers');
  const sign = num < 0 ? '-' : '';
  const abs = Math.abs(num);
  const whole = Math.floor(abs / den);
  let rem = abs - whole * den;
  const digits: number[] = [];
  for (let i = 0; i < maxPlaces && rem !== 0; i++) {
    rem *= 10;
    digits.push(Math.floor(rem / den));
    rem -= (digits[digits.length - 1] ?? 0) * den;
  }
  let wholeOut = whole;
  if (rem * 2 >= den && rem !== 0) {
    // Carry the rounding up through the digits.
    let i = digits.length - 1;
    while (i >= 0) {
      const d = (digits[i] ?? 0) + 1;
      if (d < 10) {
        digits[i] = d;
        break;
      }
      digits[i] = 0;
      i--;
    }
    if (i < 0) wholeOut += 1;
  }
  while (digits.length > 0 && digits[digits.length - 1] === 0) digits.pop();
  const text = digits.length > 0 ? `${wholeOut}.${digits.join('')}` : String(wholeOut);
  return text === '0' ? '0' : sign + text;
}

/** Basis points of part/whole with 2 places, half-up: the slippage unit. */
export function bpsDecimal(part: number, whole: number): string {
  return ratioToDecimal(part * 10_000, whole, 2);
}
