/** A quick check before a path goes to the main process, which validates it again: POSIX, drive-letter or UNC. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}
