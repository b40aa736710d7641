// Recurring issues: what customers complain and ask about, found offline in captured items.
// Phrases are runs of content words (stop-words of en/fr/es/de removed, accents folded, plural `s`
// stripped) cut into 1–3-grams; each item counts once per phrase. Topics are picked greedily by
// items covered, longer phrases weighted up and their sub-phrases merged into them; each item then
// belongs to the first topic it contains, so counts add up. Pure: the background feeds it items.
import { foldText } from '@/utils/voice-guard';

export type TopicClass = 'complaint' | 'question' | 'other';

export interface TopicItem {
  platform: string;
  externalId: string;
  text?: string;
  postedAt: string;
  sentiment?: number;
}

export interface Topic {
  phrase: string;
  kind: Exclude<TopicClass, 'other'>;
  count: number;
  /** Items with the phrase in the previous period of the same length. */
  previous: number;
  examples: { platform: string; externalId: string; text: string }[];
}

const STOP_WORDS = new Set(
  [
    // en
    'a an and are as at be been but by can could did do does doing for from had has have having he her here hi hello hey him his how i',
    "i'm im if in into is it it's its just me my no not of on or our out please so some than thank thanks that the their them then",
    'there these they this those to too up us very was we were what when where which who why will with would you your yours still',
    'any all am also again get got yet dont cant wont didnt doesnt isnt about after before over one ok okay guys team',
    // fr
    'au aux avec ce ces cette dans de des du elle en est et il ils je la le les leur lui ma mais me mes moi mon ne nos notre nous on',
    'ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous y a ete etre ai avez avons bonjour merci',
    'toujours encore comment quand pourquoi quel quelle quoi est-ce cest',
    // es
    'al con como de del el ella en es esta este esto hay la las le les lo los mas me mi mis muy no nos o para pero por que se si sin',
    'su sus te tu tus un una uno y ya yo hola gracias todavia cuando donde cual cuanto usted ustedes vuestro nuestro',
    // de
    'aber als am an auch auf aus bei bin bis das dass dem den der des die du ein eine einem einen einer es fur hat hatte ich ihr im',
    'in ist ja kann kein keine mein meine mich mir mit nach nicht noch nur oder schon sie sind so um und uns unser von vor war was',
    'wie wir wo zu zum zur hallo danke bitte immer wann warum welche gibt habe haben',
  ]
    .join(' ')
    .split(' '),
);

const INTERROGATIVE =
  /^(?:what|when|where|why|how|who|which|can|could|do|does|is|are|will|would|any|comment|quand|ou|pourquoi|qui|quel|quelle|est-ce|que|que|cuando|donde|por que|como|quien|cual|hay|was|wann|wo|warum|wie|wer|welche|kann|gibt)\b/;
const COMPLAINT =
  /(?<![\p{L}])(?:still|never|broken|late|worst|terrible|awful|refund|cancel|nobody|ridiculous|disappointed|not working|doesn'?t work|does not work|unacceptable|unusable|angry|crash\w*|fails?|error|rejected|cannot|plante|ne marche pas|refuse|se cierra|no funciona|sturzt ab|funktioniert nicht|toujours pas|jamais|casse|en retard|nul|rembourse\w*|decu|inadmissible|todavia no|nunca|roto|tarde|reembolso|pesimo|decepcionado|immer noch|nie|kaputt|verspatet|erstattung|enttauscht|schlecht)(?![\p{L}])/u;
const NEGATIVE = -0.3;

/** A question (question mark, interrogative opening), a complaint (negative, or complaint words), or neither. */
export function classifyTopicItem(text: string, sentiment?: number): TopicClass {
  const folded = foldText(text.slice(0, 2000)).folded;
  if ((sentiment !== undefined && sentiment <= NEGATIVE) || COMPLAINT.test(folded)) return 'complaint';
  if (folded.includes('?') || INTERROGATIVE.test(folded.trim())) return 'question';
  return 'other';
}

const stem = (w: string) => (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w) ? w.slice(0, -1) : w);

/** The item's phrases (stems joined by spaces) with a surface form each, for display. */
export function extractPhrases(text: string, maxN = 3): Map<string, string> {
  const phrases = new Map<string, string>();
  const raw = text.slice(0, 2000);
  const { folded } = foldText(raw);
  // Sentence breaks and punctuation end a run, as stop-words do.
  for (const chunk of folded.split(/[.,;:!?()"\n]+/)) {
    let run: { stem: string; word: string }[] = [];
    const flush = () => {
      for (let n = 1; n <= maxN; n++)
        for (let i = 0; i + n <= run.length; i++) {
          const gram = run.slice(i, i + n);
          const key = gram.map((g) => g.stem).join(' ');
          if (!phrases.has(key)) phrases.set(key, gram.map((g) => g.word).join(' '));
        }
      run = [];
    };
    for (const word of chunk.match(/[\p{L}\p{N}'’-]+/gu) ?? []) {
      const w = word.replace(/^['’-]+|['’-]+$/g, '');
      if (!w || STOP_WORDS.has(w) || /^\d+$/.test(w) || w.length < 3) flush();
      else run.push({ stem: stem(w), word: w });
    }
    flush();
  }
  return phrases;
}

export interface TopicOptions {
  from: Date;
  to: Date;
  /** Topics per kind. */
  limit?: number;
  /** Fewest items for a topic. */
  minCount?: number;
  examples?: number;
}

const WEIGHT = [0, 1, 1.6, 1.9];

function pickTopics(docs: { item: TopicItem; phrases: Map<string, string> }[], limit: number, minCount: number) {
  const byPhrase = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const p of d.phrases.keys()) {
      const list = byPhrase.get(p);
      if (list) list.push(i);
      else byPhrase.set(p, [i]);
    }
  });
  const candidates = [...byPhrase]
    .filter(([, ids]) => ids.length >= minCount)
    .map(([phrase, ids]) => ({ phrase, ids, score: ids.length * (WEIGHT[phrase.split(' ').length] ?? 2) }))
    .sort((a, b) => b.score - a.score || a.phrase.localeCompare(b.phrase));
  const taken = new Set<number>();
  const chosen: { phrase: string; ids: number[] }[] = [];
  const related = (a: string, b: string) => ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
  for (const c of candidates) {
    if (chosen.length >= limit) break;
    if (chosen.some((t) => related(t.phrase, c.phrase))) continue;
    const fresh = c.ids.filter((i) => !taken.has(i));
    if (fresh.length < minCount || fresh.length < c.ids.length / 2) continue;
    // The sub-phrases' items join the topic: "delivery" alone talks about the "late delivery" topic.
    const merged = new Set(fresh);
    for (const [p, ids] of byPhrase)
      if (p !== c.phrase && ` ${c.phrase} `.includes(` ${p} `) && ids.length <= c.ids.length * 2)
        for (const i of ids) if (!taken.has(i)) merged.add(i);
    for (const i of merged) taken.add(i);
    chosen.push({ phrase: c.phrase, ids: [...merged] });
  }
  return chosen;
}

/** Top complaint and question topics in [from, to), with the count in the previous period of equal length. */
export function recurringTopics(items: readonly TopicItem[], options: TopicOptions): { complaints: Topic[]; questions: Topic[] } {
  const { from, to, limit = 10, minCount = 2, examples = 3 } = options;
  const span = to.getTime() - from.getTime();
  const prevFrom = new Date(from.getTime() - span).toISOString();
  const [start, end] = [from.toISOString(), to.toISOString()];
  const current: Record<'complaint' | 'question', { item: TopicItem; phrases: Map<string, string> }[]> = { complaint: [], question: [] };
  const previous: Record<'complaint' | 'question', Map<string, string>[]> = { complaint: [], question: [] };
  for (const item of items) {
    if (!item.text || item.postedAt < prevFrom || item.postedAt >= end) continue;
    const kind = classifyTopicItem(item.text, item.sentiment);
    if (kind === 'other') continue;
    const phrases = extractPhrases(item.text);
    if (item.postedAt >= start) current[kind].push({ item, phrases });
    else previous[kind].push(phrases);
  }
  const topicsOf = (kind: 'complaint' | 'question'): Topic[] =>
    pickTopics(current[kind], limit, minCount).map(({ phrase, ids }) => {
      const surfaces = new Map<string, number>();
      for (const i of ids) {
        const s = current[kind][i]?.phrases.get(phrase);
        if (s) surfaces.set(s, (surfaces.get(s) ?? 0) + 1);
      }
      return {
        phrase: [...surfaces].sort((a, b) => b[1] - a[1])[0]?.[0] ?? phrase,
        kind,
        count: ids.length,
        previous: previous[kind].filter((p) => p.has(phrase)).length,
        examples: ids.slice(0, examples).map((i) => {
          const { platform, externalId, text = '' } = current[kind][i]?.item ?? ({} as TopicItem);
          return { platform, externalId, text: text.slice(0, 280) };
        }),
      };
    });
  return { complaints: topicsOf('complaint'), questions: topicsOf('question') };
}
