// The customer's language, guessed from their message when the page does not say, to pick a
// template variant. A guess only when it is clear: a script that belongs to one language, or
// several function words of one language and clearly fewer of any other. Otherwise undefined, and
// the template's default body is used.

const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Hiragana}|\p{Script=Katakana}/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Arabic}/u, 'ar'],
];

// Frequent words that are rare in the other listed languages.
const WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'my', 'you', 'your', 'not', 'have', 'what', 'with', 'this', 'was', 'order', 'please', 'thanks'],
  fr: ['le', 'la', 'les', 'est', 'et', 'je', 'vous', 'mon', 'ma', 'pas', 'une', 'des', 'commande', 'merci', 'bonjour'],
  de: ['der', 'die', 'das', 'ist', 'und', 'ich', 'nicht', 'mein', 'meine', 'sie', 'bestellung', 'danke', 'hallo', 'noch'],
  es: ['el', 'los', 'las', 'es', 'y', 'mi', 'pedido', 'gracias', 'hola', 'por', 'que', 'todavía', 'muy'],
  it: ['il', 'gli', 'è', 'e', 'mio', 'mia', 'ordine', 'grazie', 'ciao', 'non', 'ancora', 'sono', 'della'],
  pt: ['o', 'os', 'as', 'é', 'meu', 'minha', 'pedido', 'obrigado', 'obrigada', 'olá', 'não', 'ainda', 'você'],
  nl: ['de', 'het', 'is', 'en', 'ik', 'mijn', 'niet', 'bestelling', 'bedankt', 'hallo', 'nog', 'jullie'],
  pl: ['jest', 'i', 'nie', 'moje', 'moja', 'zamówienie', 'dziękuję', 'dzień', 'dobry', 'jeszcze', 'się'],
};

export function detectLanguage(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const sample = text.slice(0, 2000);
  for (const [script, lang] of SCRIPTS) if (script.test(sample)) return lang;
  if (/\p{Script=Cyrillic}/u.test(sample)) return /[іїєґ]/iu.test(sample) ? 'uk' : 'ru';
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = Object.entries(WORDS)
    .map(([lang, list]) => ({ lang, n: words.filter((w) => list.includes(w)).length }))
    .sort((a, b) => b.n - a.n);
  const [best, next] = scores;
  return best && best.n >= 2 && best.n >= 2 * (next?.n ?? 0) ? best.lang : undefined;
}

/** Primary subtags match: a `pt-BR` variant serves a `pt` customer and the other way round. */
export const sameLanguage = (a: string, b: string) => a.split('-')[0]?.toLowerCase() === b.split('-')[0]?.toLowerCase();
