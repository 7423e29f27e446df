import type { FilePurpose } from '../../../src-shared/contract';

/** The extensions each purpose may open or save, lower case with the dot. The first is the default. */
export const PURPOSE_EXTENSIONS: Readonly<Record<FilePurpose, readonly string[]>> = Object.freeze({
  'market-data': ['.csv', '.zip'],
  signals: ['.csv', '.jsonl'],
  'run-spec': ['.json', '.yaml', '.yml'],
  scenario: ['.json'],
  'evidence-bundle': ['.zip'],
  'public-key': ['.pem'],
  metrics: ['.prom', '.txt'],
  'report-csv': ['.csv'],
});

export const PURPOSE_TITLES: Readonly<Record<FilePurpose, string>> = Object.freeze({
  'market-data': 'Market data file',
  signals: 'Signal file',
  'run-spec': 'Run spec',
  scenario: 'Scenario',
  'evidence-bundle': 'Evidence bundle',
  'public-key': 'Public key',
  metrics: 'Metrics file',
  'report-csv': 'CSV report',
});

/** Filters in the shape Electron's dialogs take (extensions without the dot). */
export function dialogFilters(purpose: FilePurpose): { name: string; extensions: string[] }[] {
  return [{ name: PURPOSE_TITLES[purpose], extensions: PURPOSE_EXTENSIONS[purpose].map((e) => e.slice(1)) }];
}
