// Template body syntax (contract C5): `{{variable}}`, `{{variable || "fallback"}}`, `{{cursor}}`
// and `{{cursor:placeholder}}`. Rendering never inserts an unresolved token: any problem blocks.
import { sameLanguage } from '@/utils/language';
import type { Item, Template } from '@/utils/schema';
import { NEGATIVE_SENTIMENT_MAX } from '@/utils/schema-core';

export const TEMPLATE_VARIABLES = [
  'customer.name',
  'customer.firstName',
  'customer.handle',
  'agent.name',
  'brand.name',
  'platform',
  'item.link',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string | undefined>>;

export interface RenderedTemplate {
  text: string;
  /** Caret stops, as [start, end) offsets into `text` (end > start selects a placeholder). */
  cursors: { start: number; end: number }[];
}
export type RenderResult = { ok: true; value: RenderedTemplate } | { ok: false; problems: string[] };

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const FALLBACK = /^([\w.:-]+)\s*\|\|\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')$/;
const CURSOR = /^cursor(?::(.*))?$/;

const isKnown = (name: string): name is TemplateVariable => (TEMPLATE_VARIABLES as readonly string[]).includes(name);

export function renderTemplate(body: string, values: TemplateValues): RenderResult {
  const problems: string[] = [];
  const cursors: RenderedTemplate['cursors'] = [];
  let text = '';
  let last = 0;
  for (const match of body.matchAll(TOKEN)) {
    text += body.slice(last, match.index);
    last = match.index + match[0].length;
    const expr = match[1] ?? '';
    const cursor = CURSOR.exec(expr);
    if (cursor) {
      const placeholder = cursor[1] ?? '';
      cursors.push({ start: text.length, end: text.length + placeholder.length });
      text += placeholder;
      continue;
    }
    const fallbackMatch = FALLBACK.exec(expr);
    const name = fallbackMatch ? (fallbackMatch[1] ?? '') : expr;
    const fallback = fallbackMatch ? (fallbackMatch[2] ?? fallbackMatch[3] ?? '').replace(/\\(.)/g, '$1') : undefined;
    if (!isKnown(name)) {
      problems.push(`Unknown variable {{${name}}}`);
      continue;
    }
    const value = values[name]?.trim();
    if (value) text += value;
    else if (fallback !== undefined) text += fallback;
    else problems.push(`{{${name}}} has no value here; set it or add a fallback: {{${name} || "…"}}`);
  }
  text += body.slice(last);
  return problems.length ? { ok: false, problems } : { ok: true, value: { text, cursors } };
}

/** Problems a body has regardless of the customer (unknown variables, malformed tokens). */
export function lintTemplateBody(body: string): string[] {
  const all: TemplateValues = Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v, 'x']));
  const result = renderTemplate(body, all);
  const unclosed = body.replace(TOKEN, '').includes('{{') ? ['A "{{" is never closed with "}}"'] : [];
  return [...(result.ok ? [] : result.problems), ...unclosed];
}

const TITLES = /^(mr|mrs|ms|miss|mx|dr|prof|sir|dame)\.?$/i;

/** A first name a reply can greet, or undefined when the display name gives none. */
export function firstNameOf(displayName: string | undefined): string | undefined {
  if (!displayName) return undefined;
  let name = displayName.normalize('NFKC').trim();
  // "Last, First" as many CRMs and some profiles write it.
  const comma = name.split(',');
  if (comma.length === 2 && comma[1]?.trim()) name = comma[1].trim();
  const words = name
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{M}'’-]/gu, ''))
    .filter((w) => w && !TITLES.test(w));
  const first = words[0];
  if (!first || displayName.trim().startsWith('@')) return undefined;
  return first;
}

/**
 * The body in the customer's language: a variant whose locale matches exactly, else by primary
 * language, else the default body (also when the language is unknown).
 */
export function bodyFor(template: Pick<Template, 'body' | 'locale' | 'variants'>, language: string | undefined): string {
  if (!language || !template.variants?.length) return template.body;
  if (template.locale && template.locale.toLowerCase() === language.toLowerCase()) return template.body;
  const exact = template.variants.find((v) => v.locale.toLowerCase() === language.toLowerCase());
  if (exact) return exact.body;
  if (template.locale && sameLanguage(template.locale, language)) return template.body;
  return template.variants.find((v) => sameLanguage(v.locale, language))?.body ?? template.body;
}

/** Templates for the account the user acts as: unscoped ones, and those scoped to that account. */
export function templatesFor(templates: readonly Template[], actingAs: string | null): Template[] {
  if (!actingAs) return [...templates];
  const handle = actingAs.replace(/^@/, '').toLowerCase();
  return templates.filter((t) => !t.accounts?.length || t.accounts.some((a) => a.replace(/^@/, '').toLowerCase() === handle));
}

/** Most used first, then most recently used: the order a palette with no query shows. */
export const byUse = (a: Pick<Template, 'usageCount' | 'lastUsedAt'>, b: Pick<Template, 'usageCount' | 'lastUsedAt'>) =>
  (b.usageCount ?? 0) - (a.usageCount ?? 0) || (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? '');

/** How the palette orders templates of the same match quality. */
export type TemplateOrder = (a: Template, b: Template) => number;

const PRIVATE_MESSAGE_TAGS = ['private-message', 'dm'];
const takesItPrivate = (t: Template) => !!t.tags?.some((tag) => PRIVATE_MESSAGE_TAGS.includes(tag.toLowerCase()));

/**
 * `byUse`, except that a negative public message (a comment, reply or mention with sentiment
 * below −0.3) is best moved out of public view: templates tagged `private-message` or `dm` come first.
 */
export function templateOrderFor(item: Pick<Item, 'kind' | 'sentiment'> | undefined): TemplateOrder {
  const negativePublic = !!item && item.kind !== 'dm' && item.sentiment !== undefined && item.sentiment <= NEGATIVE_SENTIMENT_MAX;
  if (!negativePublic) return byUse;
  return (a, b) => Number(takesItPrivate(b)) - Number(takesItPrivate(a)) || byUse(a, b);
}
