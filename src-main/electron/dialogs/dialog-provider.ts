import type { DialogResult, FilePurpose, FolderPurpose } from '../../../src-shared/contract';
import { ServiceError } from '../../../src-shared/envelope';
import type { AppContext } from '../../app-context';
import { folderKindOnDisk, validateChosenFolder, type FolderKindOf } from './chosen-folder';
import { validateChosenPath } from './chosen-path';
import { dialogFilters, PURPOSE_EXTENSIONS, PURPOSE_TITLES } from './file-purposes';
import { FOLDER_PURPOSES } from './folder-purposes';

type Filters = { name: string; extensions: string[] }[];

/**
 * What the Electron shell injects: thin wrappers over `dialog.showOpenDialog` / `showSaveDialog`.
 * `showOpenFolder` is `showOpenDialog` with `openDirectory` and `createDirectory`.
 */
export interface DialogProvider {
  platform: NodeJS.Platform;
  showOpen(opts: { title: string; filters: Filters }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSave(opts: { title: string; defaultPath?: string; filters: Filters }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenFolder(opts: { title: string }): Promise<{ canceled: boolean; filePaths: string[] }>;
  /** What is on disk at a chosen folder; the real disk unless a test says otherwise. */
  folderKindOf?: FolderKindOf;
}

// A port of the context, so a test's context never sees the shell's provider, and no global leaks.
export function attachDialogProvider(ctx: AppContext, provider: DialogProvider): void {
  ctx.ports.dialogs = provider;
}

function providerFor(ctx: AppContext): DialogProvider {
  const provider = ctx.ports.dialogs;
  if (!provider) {
    throw new ServiceError(
      'REFUSED',
      'Native file dialogs exist only in the desktop app; under the CLI or in tests, pass the file path directly.',
    );
  }
  return provider;
}

function checked(ctx: AppContext, raw: unknown, purpose: FilePurpose, platform: NodeJS.Platform): DialogResult {
  const verdict = validateChosenPath(raw, purpose, platform);
  if (!verdict.ok) {
    throw new ServiceError('REFUSED', `The chosen file cannot be used as a ${PURPOSE_TITLES[purpose].toLowerCase()}: ${verdict.reason}`, {
      allowed: PURPOSE_EXTENSIONS[purpose],
    });
  }
  return { canceled: false, path: verdict.path, token: ctx.pathGrants.mint({ path: verdict.path, kind: 'file', purpose }) };
}

export async function openFileDialog(ctx: AppContext, purpose: FilePurpose): Promise<DialogResult> {
  const provider = providerFor(ctx);
  const answer = await provider.showOpen({ title: `Open ${PURPOSE_TITLES[purpose].toLowerCase()}`, filters: dialogFilters(purpose) });
  if (answer.canceled || answer.filePaths.length === 0) return { canceled: true, path: null };
  if (answer.filePaths.length > 1) throw new ServiceError('REFUSED', 'PATH_REFUSED: why=more-than-one-file');
  return checked(ctx, answer.filePaths[0], purpose, provider.platform);
}

export async function saveFileDialog(ctx: AppContext, purpose: FilePurpose, suggestedName?: string): Promise<DialogResult> {
  const provider = providerFor(ctx);
  const answer = await provider.showSave({
    title: `Save ${PURPOSE_TITLES[purpose].toLowerCase()}`,
    filters: dialogFilters(purpose),
    ...(suggestedName ? { defaultPath: suggestedName } : {}),
  });
  if (answer.canceled || !answer.filePath) return { canceled: true, path: null };
  return checked(ctx, answer.filePath, purpose, provider.platform);
}

export async function chooseFolderDialog(ctx: AppContext, purpose: FolderPurpose): Promise<DialogResult> {
  const provider = providerFor(ctx);
  const rule = FOLDER_PURPOSES[purpose];
  const answer = await provider.showOpenFolder({ title: rule.title });
  if (answer.canceled || answer.filePaths.length === 0) return { canceled: true, path: null };
  if (answer.filePaths.length > 1) throw new ServiceError('REFUSED', 'PATH_REFUSED: why=more-than-one-folder');
  const verdict = validateChosenFolder(answer.filePaths[0], purpose, provider.platform, provider.folderKindOf ?? folderKindOnDisk);
  if (!verdict.ok) {
    const need = rule.mayBeNew ? 'a folder, or a new folder name' : 'an existing folder';
    throw new ServiceError('REFUSED', `The chosen path cannot be used as the ${rule.title.toLowerCase()} (${need}): ${verdict.reason}`);
  }
  return { canceled: false, path: verdict.path, token: ctx.pathGrants.mint({ path: verdict.path, kind: 'folder', purpose }) };
}
