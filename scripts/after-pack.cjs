/**
 * electron-builder `afterPack` hook: flips the Electron fuses in the packed binary before the
 * installer is built and before code signing (flipping after signing would break the signature).
 */
const path = require('node:path');
const { fuseConfig } = require('./fuses.cjs');

/** Where the Electron binary lives inside the packed output, per platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

// builder-util's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3, universal 4.
const ARCH_ARM64 = 3;

async function afterPack(context) {
  const { flipFuses, FuseV1Options, FuseVersion } = await import('@electron/fuses');
  const binary = electronBinaryPath(context);
  // An arm64 macOS binary must carry at least an ad-hoc signature to start; flipping voids it.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === ARCH_ARM64;
  await flipFuses(binary, fuseConfig(FuseV1Options, FuseVersion, { resetAdHocDarwinSignature }));
  console.log(`  • fuses flipped  binary=${binary}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.electronBinaryPath = electronBinaryPath;
