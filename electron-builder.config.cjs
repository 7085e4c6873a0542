// Packaging of the desktop app (electron-builder). Checked offline by main/packaging.test.ts
// against electron-builder's own schema; the release build itself needs a machine with internet
// (Electron zips, NSIS, WiX come from GitHub) and Windows for the MSI: see build/README.md.
//
// Code signing comes from the environment only (no certificate in the repository):
// CSC_LINK / CSC_KEY_PASSWORD (or WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD), and for macOS
// notarisation APPLE_ID / APPLE_APP_SPECIFIC_PASSWORD / APPLE_TEAM_ID. WEBCONF_RELEASE=1 makes
// an unsigned build fail, and WEBCONF_WIN_PUBLISHER names the certificate's subject, which the
// updater then requires of every downloaded installer.
const release = process.env.WEBCONF_RELEASE === '1';
const publisher = process.env.WEBCONF_WIN_PUBLISHER;

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'fr.gouv.webconf.desktop',
  productName: 'Webconf',
  copyright: 'République française',
  directories: { output: 'release', buildResources: 'build' },
  // The main process and the preload are bundled by esbuild (scripts/build.mjs) and the renderer by
  // Vite: the app needs nothing from node_modules, whose packages are the server's.
  files: ['package.json', 'dist/main/**', 'dist/preload/**', 'dist/renderer/**', '!**/*.map', '!node_modules/**'],
  npmRebuild: false,
  asar: true,
  forceCodeSigning: release,
  // Electron's security checklist: a packaged Webconf is not a general-purpose Node runtime, cannot
  // be handed NODE_OPTIONS or --inspect to run foreign code inside it, loads only its own checked
  // app.asar, and keeps its cookies encrypted with the OS key store.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  // Meeting links: webconf://join/<room> opens the app (Info.plist on macOS, the .desktop file on
  // Linux; Windows registers it at first run with app.setAsDefaultProtocolClient).
  protocols: [{ name: 'Webconf meeting link', schemes: ['webconf'] }],
  // The feed the updater starts from; at run time it uses the server's /updates/ or the policy's
  // UpdateFeedUrl instead (main/updates/update-plan.ts). electron-builder writes latest.yml here.
  publish: [{ provider: 'generic', url: 'https://webconf.numerique.gouv.fr/updates/' }],

  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'msi', arch: ['x64'] },
    ],
    icon: 'build/icon.ico',
    ...(publisher ? { signtoolOptions: { publisherName: [publisher] } } : {}),
  },
  // Agents: one click, for the current user only, no administrator rights, under
  // %LOCALAPPDATA%\Programs\Webconf. Updates itself (per-user installs only).
  nsis: {
    oneClick: true,
    perMachine: false,
    allowElevation: false,
    packElevateHelper: false,
    deleteAppDataOnUninstall: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Webconf',
    artifactName: 'Webconf-Setup-${version}-${arch}.${ext}',
  },
  // IT: per machine, silent with msiexec /qn, never updating itself. The upgrade code identifies
  // the product across versions and must never change.
  msi: {
    perMachine: true,
    oneClick: true,
    upgradeCode: '939E6526-52CA-47A6-A575-536DDB1906A6',
    runAfterFinish: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Webconf',
    artifactName: 'Webconf-${version}-${arch}.${ext}',
  },
  msiProjectCreated: 'build/msi-project-created.cjs',

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'build/icons',
    category: 'Network',
    maintainer: 'Webconf <webconf@numerique.gouv.fr>',
    synopsis: 'Webconférence de l’État',
    artifactName: 'Webconf-${version}-${arch}.${ext}',
  },

  mac: {
    // dmg to install; zip for the updater (macOS updates need it).
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    icon: 'build/icon.icns',
    category: 'public.app-category.business',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // macOS refuses the camera and microphone to an app that does not say why it wants them.
    extendInfo: {
      NSCameraUsageDescription: 'Webconf utilise la caméra pour vous montrer pendant les réunions.',
      NSMicrophoneUsageDescription: 'Webconf utilise le micro pour que vous puissiez parler pendant les réunions.',
    },
  },
  dmg: { artifactName: 'Webconf-${version}-${arch}.${ext}' },
};
