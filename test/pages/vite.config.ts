// Builds the X reply composer (React 19 + upstream draft-js) used by the local X status pages.
//   npx vite build --config test/pages/vite.config.ts   →   test/pages/dist/x-composer.js (IIFE)
// site-server.ts serves test/pages/dist/<file> at https://<site>/__replyline/<file>.
// No React plugin: Vite 8 transforms TSX with Oxc, told here to use the automatic JSX runtime.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

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
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: resolve(here, 'src/x-composer.tsx'),
      formats: ['iife'],
      name: 'ReplylineXComposer',
      fileName: () => 'x-composer.js',
    },
  },
});
