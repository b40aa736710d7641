// The template editor's draft: what the form holds while typing (tags as one comma-separated text,
// empty fields as ""), and the template it becomes, validated with the schema before saving.

import type { Template } from '@/utils/schema';
import { templateSchema } from '@/utils/schema';
import type { Platform } from '@/utils/schema-core';
import { lintTemplateBody } from '@/utils/templates';

export interface TemplateDraft {
  name: string;
  shortcut: string;
  body: string;
  locale: string;
  /** `key` keeps a row's React identity while its locale is edited. */
  variants: { key: string; locale: string; body: string }[];
  tags: string;
  platforms: Platform[];
  accounts: string[];
}

let nextKey = 0;
export const newTemplateVariantRow = (locale = '', body = '') => ({ key: `variant-${nextKey++}`, locale, body });

export const templateDraftOf = (t: Template): TemplateDraft => ({
  name: t.name,
  shortcut: t.shortcut,
  body: t.body,
  locale: t.locale ?? '',
  variants: (t.variants ?? []).map((v) => newTemplateVariantRow(v.locale, v.body)),
  tags: (t.tags ?? []).join(', '),
  platforms: t.platforms ?? [],
  accounts: t.accounts ?? [],
});

/** "refund, Shipping , refund," → ["refund", "Shipping"]: trimmed, empty ones dropped, duplicates (any case) once. */
function parseTemplateTags(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

const isLanguageTag = (tag: string) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
};

const PROBLEMS: Record<string, string> = {
  name: 'Give the template a name.',
  shortcut: 'A shortcut is 2–40 characters without spaces, such as ;thanks.',
  body: 'Write the reply.',
  tags: 'At most 20 tags, each up to 40 characters.',
  locale: 'At most 35 characters.',
  variants: 'At most 20 languages.',
};

/** Problem keys: a field name, or `variants.<i>.locale` / `variants.<i>.body`. */
type TemplateDraftProblems = Record<string, string>;

export function templateFromDraft(
  base: Template,
  d: TemplateDraft,
): { template?: Template; problems: TemplateDraftProblems; lint: Record<string, string[]> } {
  const candidate: Record<string, unknown> = {
    id: base.id || `tpl-${crypto.randomUUID()}`,
    name: d.name.trim(),
    shortcut: d.shortcut,
    body: d.body,
    platforms: d.platforms.length ? d.platforms : undefined,
    locale: d.locale.trim() || undefined,
    variants: d.variants.length ? d.variants.map((v) => ({ locale: v.locale.trim(), body: v.body })) : undefined,
    tags: parseTemplateTags(d.tags).length ? parseTemplateTags(d.tags) : undefined,
    accounts: d.accounts.length ? d.accounts : undefined,
    // Editing keeps the palette's ranking.
    usageCount: base.usageCount,
    lastUsedAt: base.lastUsedAt,
  };
  for (const key of Object.keys(candidate)) if (candidate[key] === undefined) delete candidate[key];
  const parsed = templateSchema.safeParse(candidate);
  const problems: TemplateDraftProblems = {};
  for (const { path, message } of parsed.error?.issues ?? []) {
    const [field, index, sub] = path.map(String);
    if (field === 'variants' && sub)
      problems[`variants.${index}.${sub}`] ??= sub === 'locale' ? 'Give the language, such as fr.' : 'Write the reply.';
    else if (field) problems[field] ??= PROBLEMS[field] ?? message;
  }
  // Each language once: the default body's locale and every variant's.
  const locales = new Map<string, string>();
  if (d.locale.trim()) {
    if (!isLanguageTag(d.locale.trim())) problems.locale ??= 'Not a language tag such as en or pt-BR.';
    locales.set(d.locale.trim().toLowerCase(), 'the default body');
  }
  d.variants.forEach((v, i) => {
    const locale = v.locale.trim();
    if (!locale) return;
    const key = `variants.${i}.locale`;
    const holder = locales.get(locale.toLowerCase());
    if (holder) problems[key] ??= `${locale} is already used by ${holder}: each language once.`;
    else if (!isLanguageTag(locale)) problems[key] ??= 'Not a language tag such as fr or pt-BR.';
    locales.set(locale.toLowerCase(), `variant ${i + 1}`);
  });
  // Unknown variables and unclosed braces block saving at once, as the palette would refuse them.
  const lint: Record<string, string[]> = {};
  const bodyLint = d.body ? lintTemplateBody(d.body) : [];
  if (bodyLint.length) lint.body = bodyLint;
  d.variants.forEach((v, i) => {
    const found = v.body ? lintTemplateBody(v.body) : [];
    if (found.length) lint[`variants.${i}.body`] = found;
  });
  const ok = parsed.success && !Object.keys(problems).length && !Object.keys(lint).length;
  return { template: ok ? parsed.data : undefined, problems, lint };
}
