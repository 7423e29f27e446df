/**
 * The Electron fuses Papertape flips at packaging, by name (see @electron/fuses FuseV1Options).
 * Fuses are bits in the Electron binary itself: once flipped, no flag or environment variable can
 * turn the feature back on. tests/unit/electron/packaging-config.test.ts pins this list.
 */
const FUSES = Object.freeze({
  // `ELECTRON_RUN_AS_NODE=1` would turn the signed app into a general-purpose Node interpreter.
  RunAsNode: false,
  // NODE_OPTIONS could preload arbitrary code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk would open a debugger port: a socket the product promises not to open.
  EnableNodeCliInspectArguments: false,
  // The app refuses an app.asar whose hash differs from the one recorded at build time.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Ignore a loose app/ folder next to app.asar, so the integrity check cannot be sidestepped.
  OnlyLoadAppFromAsar: true,
  // The renderer is served from papertape://, never file://; file:// gets no extra privileges.
  GrantFileProtocolExtraPrivileges: false,
});

/** The config object for @electron/fuses `flipFuses`, given its FuseV1Options / FuseVersion enums. */
function fuseConfig(FuseV1Options, FuseVersion, opts) {
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature: Boolean(opts && opts.resetAdHocDarwinSignature) };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`Unknown Electron fuse ${name}: check @electron/fuses after an upgrade.`);
    config[index] = value;
  }
  return config;
}

module.exports = { FUSES, fuseConfig };
