import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, whether run from source (tsx) or from an install. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RENDERER_DIST = join(PACKAGE_ROOT, 'dist', 'renderer');

/** Builds the renderer once if it is missing, so `npx jalons serve` works right after `npm install`. */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<string> {
  if (existsSync(join(RENDERER_DIST, 'index.html'))) return RENDERER_DIST;
  log('Première utilisation : construction de l’interface (quelques secondes)…');
  const { build } = await import('vite');
  await build({ configFile: join(PACKAGE_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  return RENDERER_DIST;
}
