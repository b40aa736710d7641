// Builds the editor apps the local site pages load: the X reply composer (React 19 + upstream
// draft-js) and the other sites' editors (Lexical, TipTap, a React textarea). One IIFE per entry,
// chosen with PAGE_ENTRY (scripts/build-pages.sh builds them all):
//   PAGE_ENTRY=x-composer npx vite build --config test/pages/vite.config.ts → test/pages/dist/x-composer.js
// site-server.ts serves test/pages/dist/<file> at https://<site>/__replyline/<file>.
// No React plugin: Vite 8 transforms TSX with Oxc, told here to use the automatic JSX runtime.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const entry = process.env.PAGE_ENTRY ?? 'x-composer';

export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  // draft-js/fbjs read `global`; React picks its production build from NODE_ENV.
  define: {
    global: 'globalThis',
    'process.env.NODE_ENV': '"production"',
  },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: resolve(here, `src/${entry}.tsx`),
      formats: ['iife'],
      name: 'ReplylinePageApp',
      fileName: () => `${entry}.js`,
    },
  },
});
