// Bundles the Electron main process and preload into out/electron/*.cjs (Electron cannot run
// TypeScript through tsx). Usage: node scripts/build-electron.mjs [--outdir DIR]
//
// Native modules stay outside the bundle: electron-builder rebuilds them for Electron and unpacks
// them from the asar. `import.meta.url` keeps meaning the source file's own place in the app, so
// what the code reads beside itself (db/migrations, renderer/dist) is found in the packaged app.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const NATIVE_MODULES = ['better-sqlite3', 'serialport', '@serialport/*', 'usb', 'node-escpos-win', 'electron'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildElectron(outdir = join(root, 'out', 'electron')) {
  const toRoot = relative(outdir, root).split('\\').join('/') || '.';
  const sourceUrls = {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const own = relative(root, args.path).split('\\').join('/');
        return {
          contents: source.replaceAll('import.meta.url', `__hallqSourceUrl(${JSON.stringify(own)})`),
          loader: 'ts',
        };
      });
    },
  };
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: root,
    outdir,
    outExtension: { '.js': '.cjs' },
    external: NATIVE_MODULES,
  };
  await build({
    ...common,
    entryPoints: { main: 'main/electron/main.ts' },
    plugins: [sourceUrls],
    // `import('usb')` becomes require('usb'): CommonJS loading is what Electron's asar support is sure of.
    supported: { 'dynamic-import': false },
    banner: {
      js: `const __hallqSourceUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(toRoot)}, p)).href;`,
    },
  });
  // The preload runs sandboxed: everything but `electron` must be inside it.
  await build({ ...common, entryPoints: { preload: 'main/electron/preload.ts' }, external: ['electron'], target: 'chrome130' });
  return { outdir, main: join(outdir, 'main.cjs'), preload: join(outdir, 'preload.cjs') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const out = await buildElectron(at > 0 ? resolve(process.argv[at + 1]) : undefined);
  console.log(`built ${relative(root, out.main)} and ${relative(root, out.preload)}`);
}
