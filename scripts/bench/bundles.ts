// Bundle sizes per entry of a build: what each context loads, raw and gzip (level 9, as
// scripts/check-budgets.mjs counts them). An HTML page counts every script and stylesheet it pulls
// in, shared chunks included.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleEntry {
  entry: string;
  files: string[];
  rawKB: number;
  gzipKB: number;
  budgetGzipKB: number | null;
}

const KB = 1024;
/** The budgets CI enforces (scripts/check-budgets.mjs). */
export const BUNDLE_BUDGETS = { contentScriptGzipKB: 40, backgroundGzipKB: 80 };

async function sizes(dir: string, files: string[]) {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = await readFile(join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { rawKB: raw / KB, gzipKB: gzip / KB };
}

/** Scripts and stylesheets an HTML entry loads, and the chunks those import (static imports, transitively). */
async function pageFiles(dir: string, html: string): Promise<string[]> {
  const text = await readFile(join(dir, html), 'utf8');
  const found = new Set<string>();
  const queue = [...text.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  while (queue.length) {
    const file = queue.shift() as string;
    if (found.has(file) || !existsSync(join(dir, file))) continue;
    found.add(file);
    if (!file.endsWith('.js')) continue;
    const code = await readFile(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) queue.push(join(dirname(file), m[1] as string));
  }
  return [...found].sort();
}

export async function bundleSizes(dir: string): Promise<BundleEntry[]> {
  const out: BundleEntry[] = [];
  const add = async (entry: string, files: string[], budgetGzipKB: number | null) =>
    out.push({ entry, files, ...(await sizes(dir, files)), budgetGzipKB });
  await add('background', ['background.js'], BUNDLE_BUDGETS.backgroundGzipKB);
  for (const f of (await readdir(join(dir, 'content-scripts'))).filter((f) => f.endsWith('.js')).sort())
    await add(`content script ${f.replace(/\.js$/, '')}`, [`content-scripts/${f}`], BUNDLE_BUDGETS.contentScriptGzipKB);
  for (const html of (await readdir(dir)).filter((f) => f.endsWith('.html') && f !== 'bench.html').sort())
    await add(`page ${html}`, await pageFiles(dir, html), null);
  return out;
}
