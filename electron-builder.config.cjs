// Packaging of the desktop app (electron-builder). Checked offline by main/packaging.test.ts
// against electron-builder's own schema; the release build itself needs a machine with internet
// (Electron zips, NSIS, WiX come from GitHub): see build/README.md.

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
  mac: {
    category: 'public.app-category.business',
    hardenedRuntime: true,
    // macOS refuses the camera and microphone to an app that does not say why it wants them.
    extendInfo: {
      NSCameraUsageDescription: 'Webconf utilise la caméra pour vous montrer pendant les réunions.',
      NSMicrophoneUsageDescription: 'Webconf utilise le micro pour que vous puissiez parler pendant les réunions.',
    },
  },
};
