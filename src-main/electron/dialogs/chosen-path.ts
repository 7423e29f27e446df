import type { FilePurpose } from '../../../src-shared/contract';
import { hasDotDotSegment, pathApi, validateAbsoluteShape, type PathVerdict } from '../../services/paths/path-shape';
import { PURPOSE_EXTENSIONS } from './file-purposes';

/**
 * A path the native dialog handed back is still checked before any service sees it: the dialog
 * is out-of-process UI and a path is an input like any other. Absolute, no NUL or other control
 * characters, and an extension the purpose allows. A save path without the right extension is
 * refused, not fixed up: appending one could overwrite a file the user never confirmed.
 */
export function validateChosenPath(raw: unknown, purpose: FilePurpose, platform: NodeJS.Platform): PathVerdict {
  const shape = validateAbsoluteShape(raw, platform);
  if (!shape.ok) return shape;
  if (hasDotDotSegment(shape.path)) return { ok: false, reason: 'PATH_REFUSED: why=dot-dot-segment' };
  const p = pathApi(platform);
  const base = p.basename(shape.path);
  const ext = p.extname(base).toLowerCase();
  const allowed = PURPOSE_EXTENSIONS[purpose];
  if (!allowed.includes(ext)) {
    return { ok: false, reason: `PATH_REFUSED: why=extension, purpose=${purpose}, ext=${ext || 'none'}, allowed=${allowed.join('|')}` };
  }
  return { ok: true, path: p.normalize(shape.path) };
}
