// Bundle budgets are deterministic, so CI enforces them (wall-clock times never).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// The build folder, as wxt.config.ts chooses it.
const OUT = join(process.env.REPLYLINE_OUT_DIR || '.output', 'chrome-mv3');
const KB = 1024;
const budgets = [
  { file: 'background.js', gzip: 80 * KB },
  ...readdirSync(join(OUT, 'content-scripts'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ file: `content-scripts/${f}`, gzip: 40 * KB })),
];
let over = 0;
for (const { file, gzip } of budgets) {
  const raw = readFileSync(join(OUT, file));
  const size = gzipSync(raw, { level: 9 }).length;
  const ok = size <= gzip;
  if (!ok) over++;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${file}: ${(statSync(join(OUT, file)).size / KB).toFixed(1)} kB raw, ${(size / KB).toFixed(1)} kB gzip (budget ${gzip / KB} kB)`,
  );
}
process.exit(over ? 1 : 0);
