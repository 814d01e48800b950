// Bundles each screen's entry module (with the feed client and uPlot) into dist/assets/, so the screens need
// nothing from outside the restaurant's LAN. Quinoa serves dist/ at the root path.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const entries = ['kitchen', 'expo', 'foh', 'manager', 'board', 'pair', 'access'];
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/assets', { recursive: true });
await build({
  entryPoints: [...entries.map((name) => `src/${name}.js`), 'src/screens.css'],
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: process.env.NODE_ENV !== 'development',
  sourcemap: true,
  outdir: 'dist/assets',
  logLevel: 'warning',
});
cpSync('node_modules/uplot/dist/uPlot.min.css', 'dist/assets/uplot.css');
