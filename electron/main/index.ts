import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createCore } from '../core/app';
import { startSyncScheduler } from '../core/sync/scheduler';
import { registerIpc } from './ipc';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { denyAllPermissions, installSecurityGuards } from './security';
import { createMainWindow } from './windows';

// One Jalons per user session: a second launch focuses the first (two processes must not share the store).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  installSecurityGuards();

  // dist/electron/main.cjs → dist/renderer and dist/electron/preload.cjs
  const rendererRoot = join(__dirname, '..', 'renderer');
  const preloadPath = join(__dirname, 'preload.cjs');
  const core = createCore({
    databaseFile: join(app.getPath('userData'), 'jalons.db'),
    host: 'electron',
    workerScript: join(__dirname, 'worker.cjs'),
  });

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    denyAllPermissions();
    handleAppProtocol(rendererRoot);
    registerIpc(core.dispatch);
    createMainWindow(preloadPath);
    // Background sync: idle while locked, sends after unlock when the mode is « automatique ».
    startSyncScheduler({ ctx: core.ctx, isUnlocked: () => core.vault.isUnlocked });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath);
    });
  });

  app.on('window-all-closed', () => {
    core.close();
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => core.close());
}
