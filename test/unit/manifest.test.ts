// Permissions and policy, from the sources the build is made of: the manifest asks for exactly the
// APIs the code calls, no host permissions, a strict page CSP, content scripts only on the five
// hosts of contract C2, and no code that could reach the network or load remote code.
// (test/e2e/reliability.spec.ts checks the built extension the same way, and that no request leaves.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ContentScriptDefinition } from 'wxt';
import { PLATFORMS } from '@/utils/schema-core';
import { matchPatterns } from '@/utils/sites/hosts';
import config from '../../wxt.config';

const ROOT = join(import.meta.dirname, '../..');
const SITE_PATTERNS = PLATFORMS.flatMap(matchPatterns);

/** Which permission each `browser.<namespace>` needs; null: none for the calls Replyline makes. */
const PERMISSION_OF: Record<string, string | null> = {
  alarms: 'alarms',
  notifications: 'notifications',
  storage: 'storage',
  scripting: 'scripting',
  downloads: 'downloads',
  contextMenus: 'contextMenus',
  sidePanel: 'sidePanel',
  offscreen: 'offscreen',
  idle: 'idle',
  // tabs.query/update/create/sendMessage without reading tab URLs need no `tabs` permission.
  tabs: null,
  runtime: null,
  windows: null,
  action: null,
  commands: null,
  i18n: null,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });
}
const SOURCES = ['utils', 'components', 'entrypoints'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
const sourceText = (path: string) => readFileSync(path, 'utf8');

async function chromeManifest() {
  const manifest = config.manifest;
  return typeof manifest === 'function'
    ? await manifest({ browser: 'chrome', manifestVersion: 3, mode: 'production', command: 'build' })
    : (manifest ?? {});
}

test('permissions are exactly the ones the code uses; no host permissions, nothing optional, no outside caller', async () => {
  const manifest = (await chromeManifest()) as Record<string, unknown>;
  const used = new Set<string>();
  for (const path of SOURCES) {
    for (const [, namespace] of sourceText(path).matchAll(/\b(?:browser|chrome)\.([a-zA-Z]+)\./g)) used.add(namespace as string);
  }
  const unknown = [...used].filter((ns) => !(ns in PERMISSION_OF));
  expect(unknown, 'classify these APIs in PERMISSION_OF').toEqual([]);
  const needed = [...used].map((ns) => PERMISSION_OF[ns]).filter((p): p is string => !!p);
  expect([...((manifest.permissions as string[]) ?? [])].sort()).toEqual([...new Set(needed)].sort());
  for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'externally_connectable']) {
    expect(manifest[key], key).toBeUndefined();
  }
});

test('extension pages run only their own scripts: script-src and object-src are self', async () => {
  const csp =
    ((await chromeManifest()) as { content_security_policy?: { extension_pages?: string } }).content_security_policy?.extension_pages ?? '';
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
  expect(directives['script-src']).toEqual(["'self'"]);
  expect(directives['object-src']).toEqual(["'self'"]);
});

test('web-accessible resources are offered to the supported sites only', async () => {
  const resources = ((await chromeManifest()) as { web_accessible_resources?: { matches: string[] }[] }).web_accessible_resources ?? [];
  for (const { matches } of resources) for (const pattern of matches) expect(SITE_PATTERNS).toContain(pattern);
});

test('content scripts run on the five hosts of contract C2, in the top frame, and only the Firefox paste bridge in the page world', async () => {
  const entries = readdirSync(join(ROOT, 'entrypoints')).filter((f) => f.endsWith('.content.ts'));
  expect(entries.length).toBeGreaterThanOrEqual(4);
  for (const file of entries) {
    const name = file.replace(/\.content\.ts$/, '');
    const definition = (await import(`../../entrypoints/${name}.content.ts`)).default as ContentScriptDefinition;
    // Plain arrays here, not per-browser options: the same hosts everywhere.
    for (const pattern of (definition.matches ?? []) as string[]) expect(SITE_PATTERNS, file).toContain(pattern);
    expect(definition.allFrames ?? false, file).toBe(false);
    if (definition.world === 'MAIN') expect([file, definition.include]).toEqual(['paste-bridge.content.ts', ['firefox']]);
  }
});

test('no source can reach the network or load remote code', () => {
  const offenders: string[] = [];
  // fetch() only of the extension's own packaged files.
  const NETWORK =
    /\bfetch\s*\((?!\s*(?:browser|chrome)\.runtime\.getURL\()|\b(?:XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts)\s*\(|new\s+(?:XMLHttpRequest|WebSocket|EventSource)\b/;
  const REMOTE = /<script[^>]+src=["']?(?:https?:)?\/\/|import\(\s*["'`](?:https?:)?\/\/|\beval\s*\(|new\s+Function\s*\(/;
  for (const path of SOURCES) {
    const text = sourceText(path);
    if (NETWORK.test(text) || REMOTE.test(text)) offenders.push(relative(ROOT, path));
  }
  expect(offenders).toEqual([]);
});
