// Builds the command line (`debrief-parse`, `bin` in package.json) into one Node ES module,
// so it starts without compiling TypeScript at every run. Runs as `prepare`, i.e. after every
// `npm install` and `npm ci`; `npm run parse` runs the same source through tsx instead.
import { build } from 'esbuild'

await build({
  entryPoints: ['src/cli/parse.ts'],
  outfile: 'bin/debrief-parse.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
})
