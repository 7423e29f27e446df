import { chooseFolderDialog, openFileDialog, saveFileDialog } from '../../electron/dialogs/dialog-provider';
import type { Handler } from '../registry';

type Names = 'dialog.openFile' | 'dialog.saveFile' | 'dialog.chooseFolder';

/** Native dialogs: the answer is a grant token, so the page never hands main a path of its own. */
export const dialogHandlers: { [N in Names]: Handler<N> } = {
  'dialog.openFile': (input, ctx) => openFileDialog(ctx, input.purpose),
  'dialog.saveFile': (input, ctx) => saveFileDialog(ctx, input.purpose, input.suggestedName),
  'dialog.chooseFolder': (input, ctx) => chooseFolderDialog(ctx, input.purpose),
};
