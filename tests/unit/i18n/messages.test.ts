import { describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/src/i18n/en';
import { zhTW } from '../../../src-renderer/src/i18n/zh-TW';
import { VIEW_IDS } from '../../../src-renderer/src/views/view-list';

function flatten(obj: object, prefix = ''): Record<string, string> {
  return Object.entries(obj).reduce<Record<string, string>>((acc, [k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') acc[key] = v;
    else Object.assign(acc, flatten(v as object, key));
    return acc;
  }, {});
}

describe('UI strings', () => {
  const flatEn = flatten(en);
  const flatZh = flatten(zhTW);

  it('English and Traditional Chinese hold exactly the same keys', () => {
    expect(Object.keys(flatZh).sort()).toEqual(Object.keys(flatEn).sort());
  });

  it('no string is empty, and zh-TW is translated (not a copy of English) except names and versions', () => {
    const untranslatable = new Set(['app.name', 'system.node', 'system.electron', 'system.sqlite']);
    for (const [k, v] of Object.entries(flatEn)) {
      expect(v.trim(), k).not.toBe('');
      expect(flatZh[k]?.trim(), k).not.toBe('');
      if (!untranslatable.has(k)) expect(flatZh[k], k).not.toBe(v);
    }
  });

  it('interpolation placeholders match between languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(flatEn)) expect(placeholders(flatZh[k] ?? ''), k).toEqual(placeholders(flatEn[k] ?? ''));
  });

  it('every view has a navigation label', () => {
    for (const v of VIEW_IDS) expect(flatEn[`nav.${v}`]).toBeTruthy();
  });
});
