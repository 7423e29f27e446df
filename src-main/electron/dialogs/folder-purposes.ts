import type { FolderPurpose } from '../../../src-shared/contract';

export interface FolderPurposeRule {
  title: string;
  /** Whether the answer may name a folder that does not exist yet (the export creates it). */
  mayBeNew: boolean;
}

export const FOLDER_PURPOSES: Readonly<Record<FolderPurpose, FolderPurposeRule>> = Object.freeze({
  'evidence-export-folder': { title: 'Folder for the new evidence bundle', mayBeNew: true },
  'evidence-bundle-folder': { title: 'Evidence bundle folder', mayBeNew: false },
});
