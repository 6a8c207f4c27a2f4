import fs from 'node:fs';
import { createHash } from 'node:crypto';

/**
 * Writes `sw.js`, the app's service worker (ADR 0036), beside the build: the list of the built files
 * to keep (the app shell, every chunk and style, the icon font, the manifest) and a cache name that
 * changes with them. The worker's code is `service-worker.js`, with `self.__PRECACHE__` replaced.
 * The offline capture registers it; nothing else depends on it.
 */
const SKIPPED = /\.(map|eot|ttf|woff)$/;

/**
 * @param {{ publicDir: string; workerSource: string }} dirs
 * @returns {import('vite').Plugin}
 */
export function serviceWorker(dirs) {
  return {
    name: 'relais-service-worker',
    apply: 'build',
    // After Vite's HTML plugin, which emits index.html late in the same hook.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const publicFiles = fs.existsSync(dirs.publicDir) ? fs.readdirSync(dirs.publicDir) : [];
      const files = [...new Set(['index.html', ...Object.keys(bundle), ...publicFiles])].filter((f) => !SKIPPED.test(f) && f !== 'sw.js').sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = fs.readFileSync(dirs.workerSource, 'utf8')
        .replace('self.__PRECACHE__', JSON.stringify({ version, files: files.map((f) => `/${f}`) }));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
