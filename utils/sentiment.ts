// A customer message's sentiment, computed offline. English words are scored with AFINN-165 and emoji
// with the Emoji Sentiment Ranking, both as shipped by the `sentiment` package; French, Spanish and
// German with the small customer-care lists below. The package's own scorer (one-word negation, no
// phrases, AFINN's general-purpose meanings) is replaced by rules written against its mistakes on
// customer messages: negation over three words, "but" clauses, intensifiers, capitals, irony, care
// phrases ("still waiting", "never arrived") and care meanings of words ("support", "like", "joke").
// What each rule is worth and how the thresholds were chosen: docs/sentiment.md, measured by
// `npx node scripts/sentiment-eval.ts`.
import { detectLanguage } from '@/utils/language';

/**
 * The two public lists (≈ 45 kB of JSON) ship as extension files that the worker reads on first
 * use (utils/sentiment-lists.ts), not in its startup bundle: a cold start never parses them.
 * Until they are installed, English is scored from the care phrases only and emoji from CARE_EMOJI.
 */
export interface SentimentLists {
  afinn: Record<string, number>;
  emoji: Record<string, number>;
}
let afinnScores: Record<string, number> = {};

/** Scores inside this band are neutral (tuned on the development split, see docs/sentiment.md). */
export const SENTIMENT_CUT = { negativeBelow: -0.125, positiveAbove: 0.125 };

/** The scorer's rules, each switchable so that scripts/sentiment-eval.ts can measure what it is worth. */
export const SENTIMENT_RULES = {
  /** Negators up to three words before a word flip it ("not happy", "didn't care"). */
  negation: true,
  /** Before "but" counts half, after it one and a half ("ok but the delivery was a nightmare"). */
  contrast: true,
  /** "very", "so", "really" strengthen the next word; "slightly", "a bit" weaken it. */
  intensity: true,
  /** A word in capitals among lower case is stronger ("I am NOT happy", "AWFUL service"). */
  caps: true,
  /** 🙃 and 🙄 turn the message's positive words negative; so does praise right before a complaint. */
  irony: true,
  /** Care words and phrases ("still waiting", "refund", "support" as a noun), waited durations. */
  care: true,
  /** Emoji newer than the 2015 ranking (🙃 🤬 🔥 🥰) and stronger anger (😡). */
  emoji: true,
};
export type SentimentRules = typeof SENTIMENT_RULES;

// Sentiment shows in the first lines; the cap keeps a hostile 1 MB "message" cheap.
const MAX_CHARS = 2000;
// VADER's normalisation constant: s / √(s² + 15) maps a sum of word scores into −1…1.
const NORMALIZE_ALPHA = 15;
// VADER's measured factors: a negated word keeps about three quarters of its strength.
const NEGATION_SCALE = -0.75;
const NEGATION_WINDOW = 3;
const BOOST = 1.5;
const DAMPEN = 0.5;
const CAPS_BOOST = 1.5;
const BEFORE_BUT = 0.5;
const AFTER_BUT = 1.5;

interface Lexicon {
  /** Words and phrases (space-separated, accents folded) with a score in −5…5. */
  scores: Record<string, number>;
  negators: string[];
  boosters: string[];
  dampeners: string[];
  contrast: string[];
}

// Care meanings that AFINN gets wrong for messages to a brand: "support", "please", "pay", "free" name
// things, "lol" is mostly ironic, "joke" is an insult. Phrases carry their own negation.
const ENGLISH_CARE: Record<string, number> = {
  support: 0,
  please: 0,
  pay: 0,
  free: 0,
  drop: 0,
  limited: 0,
  reach: 0,
  accept: 0,
  want: 0,
  share: 0,
  cancel: 0,
  no: 0,
  lol: 0,
  lmao: 0,
  like: 0,
  gift: 0,
  again: -1,
  joke: -2,
  refund: -1,
  late: -2,
  slow: -2,
  delayed: -2,
  broke: -2,
  broken: -2,
  crashing: -2,
  crashes: -2,
  crashed: -2,
  scam: -3,
  spam: -2,
  hacked: -2,
  locked: -1,
  soaked: -2,
  nightmare: -3,
  unprofessional: -3,
  unbelievable: -2,
  smh: -2,
  meh: -2,
  ugh: -2,
  thx: 2,
  ty: 2,
  tysm: 3,
  slaps: 2,
  comfy: 2,
  props: 2,
  rock: 2,
  rocks: 2,
  'customer care': 0,
  'customer service': 0,
  'happy hour': 0,
  'report a problem': 0,
  'report an issue': 0,
  'i like': 2,
  'we like': 2,
  'really like': 2,
  'still waiting': -3,
  'still not': -2,
  'still no': -2,
  'still haven t': -2,
  'never arrived': -3,
  'never arrives': -3,
  'never received': -3,
  'never came': -3,
  'never showed up': -3,
  'didn t arrive': -3,
  'hasn t arrived': -3,
  'on hold': -2,
  'no reply': -2,
  'no replies': -2,
  'zero replies': -3,
  'no response': -2,
  'no answer': -2,
  'nobody answers': -3,
  'no one answers': -3,
  'doing nothing': -2,
  'thanks for nothing': -3,
  'where is my': -2,
  'where s my': -2,
  'charged twice': -3,
  'double charged': -3,
  'every single time': -2,
  'never again': -3,
  'never buying': -3,
  'never ordering': -3,
  'is down': -2,
  'been down': -2,
  'was down': -2,
  'went down': -2,
  'expected better': -2,
  'expected more': -2,
  'expected way better': -2,
  'expected much better': -2,
  'need a human': -2,
  'talk to a human': -2,
  'speak to a human': -2,
  'real person': -1,
  'was promised': -2,
  'were promised': -2,
  'the last time i': -2,
  'food poisoning': -3,
  'done with': -2,
  'lost a customer': -3,
  'fell apart': -3,
  'wrong order': -2,
  'not what i ordered': -3,
  'zero stars': -3,
  'one star': -3,
  'love that for me': -3,
  'cool cool cool': -3,
  'couldn t be happier': 3,
  'could not be happier': 3,
  'can t thank you enough': 3,
  'no complaints': 2,
  'not a single issue': 2,
  'never had a single problem': 2,
  'above and beyond': 3,
  'well done': 3,
  'works like a charm': 3,
  'worth the wait': 2,
  'exactly what i needed': 3,
  'made my day': 3,
  'keep it up': 2,
  'customer for life': 3,
  'happy camper': 3,
  'five stars': 3,
  'obsessed with': 3,
};

const FRENCH: Record<string, number> = {
  merci: 2,
  'merci beaucoup': 3,
  bravo: 3,
  genial: 3,
  super: 2,
  top: 2,
  parfait: 3,
  parfaite: 3,
  excellent: 3,
  excellente: 3,
  adore: 3,
  aime: 2,
  content: 2,
  contente: 2,
  ravi: 3,
  ravie: 3,
  satisfait: 2,
  satisfaite: 2,
  recommande: 2,
  rapide: 1,
  efficace: 2,
  sympa: 2,
  gentil: 2,
  gentille: 2,
  magnifique: 3,
  meilleur: 3,
  nul: -3,
  nulle: -3,
  honte: -3,
  inadmissible: -3,
  inacceptable: -3,
  scandale: -3,
  scandaleux: -3,
  arnaque: -3,
  decu: -2,
  decue: -2,
  decevant: -2,
  mecontent: -2,
  mecontente: -2,
  casse: -2,
  cassee: -2,
  abime: -2,
  endommage: -2,
  retard: -2,
  pire: -3,
  horrible: -3,
  catastrophique: -3,
  lamentable: -3,
  remboursement: -1,
  probleme: -1,
  panne: -2,
  impossible: -2,
  'toujours pas': -2,
  'toujours rien': -2,
  'jamais recu': -3,
  'jamais arrive': -3,
  'jamais arrivee': -3,
  'personne ne repond': -3,
  'aucune reponse': -2,
  'ne fonctionne pas': -2,
  'ne marche pas': -2,
};

const SPANISH: Record<string, number> = {
  gracias: 2,
  'muchas gracias': 3,
  encanta: 3,
  excelente: 3,
  perfecto: 3,
  perfecta: 3,
  genial: 3,
  rapido: 1,
  contento: 2,
  contenta: 2,
  feliz: 3,
  mejor: 2,
  bueno: 2,
  buena: 2,
  recomiendo: 2,
  amable: 2,
  increible: 3,
  maravilloso: 3,
  fantastico: 3,
  pesimo: -3,
  pesima: -3,
  horrible: -3,
  terrible: -3,
  malo: -2,
  mala: -2,
  peor: -3,
  decepcionado: -2,
  decepcionada: -2,
  decepcion: -2,
  roto: -2,
  rota: -2,
  danado: -2,
  estafa: -3,
  verguenza: -3,
  inaceptable: -3,
  reembolso: -1,
  problema: -1,
  retraso: -2,
  queja: -2,
  fatal: -3,
  harto: -3,
  harta: -3,
  'nunca llego': -3,
  'no llego': -3,
  'sigo esperando': -3,
  'estoy esperando': -2,
  'todavia no': -2,
  'nadie contesta': -3,
  'nadie responde': -3,
  'sin respuesta': -2,
  'no funciona': -2,
  'no vuelvo': -3,
  'nunca mas': -3,
};

const GERMAN: Record<string, number> = {
  danke: 2,
  'vielen dank': 3,
  'danke schon': 3,
  super: 2,
  toll: 3,
  tolle: 3,
  toller: 3,
  tolles: 3,
  klasse: 3,
  prima: 3,
  perfekt: 3,
  spitze: 3,
  liebe: 2,
  zufrieden: 2,
  empfehlen: 2,
  empfehlenswert: 3,
  schnell: 1,
  schnelle: 1,
  freundlich: 2,
  hilfreich: 2,
  bestens: 3,
  gut: 2,
  gute: 2,
  wunderbar: 3,
  großartig: 3,
  schlecht: -3,
  schlechter: -3,
  schlechteste: -3,
  schlechtester: -3,
  enttauscht: -2,
  enttauschend: -2,
  beschadigt: -2,
  kaputt: -2,
  defekt: -2,
  unmoglich: -3,
  frechheit: -3,
  katastrophe: -3,
  katastrophal: -3,
  unverschamt: -3,
  betrug: -3,
  argerlich: -2,
  ruckerstattung: -1,
  problem: -1,
  verspatung: -2,
  mangelhaft: -3,
  'nie angekommen': -3,
  'nicht angekommen': -3,
  'immer noch': -2,
  'keiner meldet sich': -3,
  'niemand antwortet': -3,
  'keine antwort': -2,
  'funktioniert nicht': -2,
  'nie wieder': -3,
};

/** One spelling for lists and text: accents folded, "n't" → " not", hyphens and apostrophes → spaces. */
const foldKey = (key: string) =>
  key
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/n['’]t\b/g, ' not')
    .replace(/[-'’]/g, ' ');

const foldScores = (...lists: Record<string, number>[]) => {
  const out: Record<string, number> = Object.create(null);
  for (const list of lists) for (const [key, value] of Object.entries(list)) out[foldKey(key)] = value;
  return out;
};

const ENGLISH_NEGATORS = [
  'not',
  'never',
  'no',
  'nobody',
  'none',
  'nothing',
  'neither',
  'nor',
  'without',
  'hardly',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'wont',
  'couldnt',
  'wouldnt',
  'havent',
  'hasnt',
  'aint',
];

const LEXICONS: Record<string, Lexicon> & { en: Lexicon } = {
  en: {
    scores: foldScores(ENGLISH_CARE),
    negators: ENGLISH_NEGATORS,
    boosters: [
      'very',
      'really',
      'so',
      'extremely',
      'absolutely',
      'totally',
      'completely',
      'incredibly',
      'truly',
      'seriously',
      'highly',
      'super',
      'such',
      'most',
    ],
    dampeners: ['slightly', 'somewhat', 'kinda', 'barely', 'bit', 'little'],
    contrast: ['but'],
  },
  fr: {
    scores: foldScores(FRENCH),
    negators: ['ne', 'n', 'pas', 'jamais', 'rien', 'aucun', 'aucune', 'sans'],
    boosters: ['tres', 'vraiment', 'trop', 'tellement', 'super', 'hyper'],
    dampeners: ['peu', 'assez'],
    contrast: ['mais'],
  },
  es: {
    scores: foldScores(SPANISH),
    negators: ['no', 'nunca', 'jamas', 'ni', 'nadie', 'nada', 'sin', 'tampoco'],
    boosters: ['muy', 'super', 'tan', 'realmente', 'demasiado'],
    dampeners: ['poco', 'algo'],
    contrast: ['pero'],
  },
  de: {
    scores: foldScores(GERMAN),
    negators: ['nicht', 'kein', 'keine', 'keinen', 'keiner', 'keinem', 'nie', 'niemals', 'niemand', 'ohne', 'nichts'],
    boosters: ['sehr', 'total', 'echt', 'wirklich', 'so', 'extrem', 'absolut', 'super'],
    dampeners: ['etwas', 'bisschen', 'ziemlich'],
    contrast: ['aber'],
  },
};

// Emoji newer than the 2015 ranking, and anger that the ranking scores mildly (😡 is −1 there).
const CARE_EMOJI: Record<string, number> = {
  '🙃': -2,
  '🙄': -2,
  '🤬': -4,
  '😡': -3,
  '😤': -2,
  '🤷': -1,
  '🔥': 2,
  '🥰': 3,
  '🤩': 3,
  '🫶': 3,
  '🥳': 3,
  '🤮': -3,
  '💩': -2,
};
let RANKED_EMOJI: Record<string, number> = {};
let EMOJI = foldScores(CARE_EMOJI);

export function installSentimentLists(lists: SentimentLists): void {
  afinnScores = lists.afinn;
  LEXICONS.en.scores = foldScores(afinnScores, ENGLISH_CARE);
  // The ranking's ±4 and ±5 are rare symbols seen a handful of times (🕐 −5, 📜 +5), not sentiment.
  RANKED_EMOJI = foldScores(Object.fromEntries(Object.entries(lists.emoji).filter(([, score]) => Math.abs(score) < 4)));
  EMOJI = foldScores(RANKED_EMOJI, CARE_EMOJI);
  anyLanguage = undefined;
  englishWithoutCare = undefined;
}
// Emoji that say the positive words around them are ironic.
const IRONY = new Set(['🙃', '🙄']);
const EMOTICONS: Record<string, number> = {
  ':)': 2,
  ':-)': 2,
  ':D': 3,
  ':-D': 3,
  '<3': 3,
  ':(': -2,
  ':-(': -2,
  ":'(": -2,
  ':/': -1,
  ':-/': -1,
};

// A waited duration ("for 3 weeks", "it's been 5 days", "since Monday") is a complaint in care messages.
const WAITED =
  /\b(?:(?:been|for|since|after|wait|waited|waiting)\s+(?:\d+|an?|two|three|four|five|six|several|many)\s+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)|since\s+(?:yesterday|last\s+\w+|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/g;
const WAITED_SCORE = -2;

const URL = /\bhttps?:\/\/\S+/gu;
const TOKEN =
  /(?<emoticon>(?:[:;]'?-?[)(DP/]|<3)(?![\p{L}\p{N}]))|(?<emoji>\p{Extended_Pictographic})|(?<word>[\p{L}\p{N}]+(?:['’][\p{L}]+)*)|(?<stop>[.!?;,]+)/gu;

interface Token {
  kind: 'word' | 'emoji' | 'stop';
  /** Words: lowercased, accents folded, split at apostrophes and hyphens ("didn't" → "did", "not"). */
  text: string;
  caps: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const shouting = !/\p{Ll}/u.test(text);
  for (const match of text.replace(URL, ' ').matchAll(TOKEN)) {
    const { emoticon, emoji, word, stop } = match.groups ?? {};
    if (emoticon || emoji) tokens.push({ kind: 'emoji', text: emoticon ?? emoji ?? '', caps: false });
    else if (stop) tokens.push({ kind: 'stop', text: stop, caps: false });
    else if (word) {
      // Capitals emphasise only against lower case: a message written all in capitals is just loud.
      const caps = !shouting && word.length > 1 && !/\p{Ll}/u.test(word) && /\p{Lu}/u.test(word);
      for (const part of foldKey(word).split(' ')) if (part) tokens.push({ kind: 'word', text: collapseElongation(part), caps });
    }
  }
  return tokens;
}

// "sooo", "pleaseee": three or more of a letter are emphasis, not spelling.
const collapseElongation = (word: string) => word.replace(/(\p{L})\1{2,}/gu, '$1');

const LONGEST_PHRASE = 5;
// X tags text it cannot place as und, qme (media only), qht (hashtags only)…: no language at all.
const UNDETERMINED = /^(?:und|mul|zxx|q[a-t][a-z])$/;

/**
 * The sentiment of a customer's message, −1 (angry) … 1 (delighted), 0 when nothing in it carries
 * sentiment. `language` is a BCP 47 tag (the page's, when it says); absent, it is guessed from the
 * text. Languages without a word list are scored from their emoji only.
 */
export function scoreSentiment(text: string, language?: string, rules: SentimentRules = SENTIMENT_RULES): number {
  // Format characters (zero-width spaces, bidi controls) can hide a word from the lists: "sc\u200Bam".
  const capped = text.slice(0, MAX_CHARS).replace(/\p{Cf}+/gu, '');
  const given = language?.split('-')[0]?.toLowerCase();
  const lang = given && !UNDETERMINED.test(given) ? given : detectLanguage(capped);
  const lexicon = lexiconFor(lang, rules);
  const emoji = rules.emoji ? EMOJI : RANKED_EMOJI;
  const folded = foldKey(capped);
  const tokens = tokenize(capped);
  const scores: number[] = [];
  let contrastAt = -1;
  let irony = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'emoji') {
      scores.push(emoji[token.text] ?? EMOTICONS[token.text] ?? 0);
      irony ||= rules.irony && IRONY.has(token.text);
      continue;
    }
    if (token.kind === 'stop' || !lexicon) {
      scores.push(0);
      continue;
    }
    if (rules.contrast && lexicon.contrast.includes(token.text)) contrastAt = scores.length;
    const phrase = longestPhrase(tokens, i, lexicon);
    if (phrase) {
      scores.push(phrase.score, ...new Array(phrase.length - 1).fill(0));
      i += phrase.length - 1;
      continue;
    }
    const base = lexicon.scores[token.text];
    scores.push(base ? adjust(base, tokens, i, lexicon, rules) : 0);
  }
  if (rules.irony) flipIronicPraise(tokens, scores);
  let sum = 0;
  scores.forEach((score, i) => {
    const weighted = contrastAt < 0 ? score : score * (i < contrastAt ? BEFORE_BUT : AFTER_BUT);
    sum += irony && weighted > 0 ? -weighted : weighted;
  });
  if (lexicon && rules.care) sum += WAITED_SCORE * (folded.match(WAITED)?.length ?? 0);
  return sum === 0 ? 0 : sum / Math.sqrt(sum * sum + NORMALIZE_ALPHA);
}

/** The longest phrase of the list that starts at `start`: it scores as a whole, negation included. */
function longestPhrase(tokens: Token[], start: number, lexicon: Lexicon): { score: number; length: number } | undefined {
  let words = (tokens[start] as Token).text;
  let found: { score: number; length: number } | undefined;
  for (let n = 2; n <= LONGEST_PHRASE; n++) {
    const next = tokens[start + n - 1];
    if (next?.kind !== 'word') break;
    words += ` ${next.text}`;
    const score = lexicon.scores[words];
    if (score !== undefined) found = { score, length: n };
  }
  return found;
}

/** A word's score after the words before it: negation, intensity, and its own capitals. */
function adjust(base: number, tokens: Token[], at: number, lexicon: Lexicon, rules: SentimentRules): number {
  let score = base;
  for (let back = 1; rules.negation && back <= NEGATION_WINDOW; back++) {
    const before = tokens[at - back];
    if (!before || before.kind === 'stop') break;
    if (lexicon.negators.includes(before.text)) {
      score *= NEGATION_SCALE * (rules.caps && before.caps ? CAPS_BOOST : 1);
      break;
    }
  }
  const previous = tokens[at - 1];
  if (rules.intensity && previous && lexicon.boosters.includes(previous.text)) score *= BOOST;
  else if (rules.intensity && previous && lexicon.dampeners.includes(previous.text)) score *= DAMPEN;
  // "NOT happy", "VERY happy", "AWFUL": capitals on the word or on what modifies it.
  if (rules.caps && (tokens[at]?.caps || (previous?.caps && lexicon.boosters.includes(previous.text)))) score *= CAPS_BOOST;
  return score;
}

// Praise that opens a complaint is irony: "thanks for wasting my afternoon", "nice job losing my
// booking", and a lone "Great." after "Warranty claim denied."
const PRAISE = new Set([
  'thanks',
  'thank',
  'thx',
  'nice',
  'great',
  'good',
  'wonderful',
  'brilliant',
  'awesome',
  'perfect',
  'lovely',
  'fantastic',
  'cool',
  'love',
]);
const STRONG_NEGATIVE = -2;
// How close the complaint follows the praise: "great product but shipping was slow" is not irony.
const IRONY_REACH = 3;

function flipIronicPraise(tokens: Token[], scores: number[]) {
  const praise = scores.map((score, i) => score > 0 && PRAISE.has((tokens[i] as Token).text));
  const restIsNegative = scores.reduce((sum, score, i) => (praise[i] ? sum : sum + score), 0) < 0;
  let start = 0;
  for (let end = 0; end <= tokens.length; end++) {
    if (end < tokens.length && tokens[end]?.kind !== 'stop') continue;
    const lonePraise = end > start && praise.slice(start, end).every(Boolean) && restIsNegative;
    for (let i = start; i < end; i++)
      if (praise[i] && (lonePraise || scores.slice(i + 1, Math.min(end, i + 1 + IRONY_REACH)).some((score) => score <= STRONG_NEGATIVE)))
        scores[i] = -(scores[i] as number);
    start = end + 1;
  }
}

let englishWithoutCare: Lexicon | undefined;
let anyLanguage: Lexicon | undefined;

/** The language's lists; with the language unknown, all of them (English wins where they clash). */
function lexiconFor(lang: string | undefined, rules: SentimentRules): Lexicon | undefined {
  if (lang === undefined) {
    anyLanguage ??= Object.values(LEXICONS).reduceRight((all, one) => ({
      scores: foldScores(all.scores, one.scores),
      negators: [...all.negators, ...one.negators],
      boosters: [...all.boosters, ...one.boosters],
      dampeners: [...all.dampeners, ...one.dampeners],
      contrast: [...all.contrast, ...one.contrast],
    }));
    return anyLanguage;
  }
  const lexicon = LEXICONS[lang];
  if (lang !== 'en' || rules.care || !lexicon) return lexicon;
  englishWithoutCare ??= { ...lexicon, scores: foldScores(afinnScores) };
  return englishWithoutCare;
}

/** Neutral inside the band measured on the development split (docs/sentiment.md). */
export function sentimentLabel(score: number): 'negative' | 'neutral' | 'positive' {
  if (score < SENTIMENT_CUT.negativeBelow) return 'negative';
  if (score > SENTIMENT_CUT.positiveAbove) return 'positive';
  return 'neutral';
}

const PERSON_WINDOW = 5;

/** A person's sentiment: the mean of their last five non-neutral items by platform time; undefined with none. */
export function personSentiment(items: readonly { sentiment?: number; postedAt: string }[]): number | undefined {
  const recent = items
    .filter(
      (item): item is { sentiment: number; postedAt: string } =>
        typeof item.sentiment === 'number' && sentimentLabel(item.sentiment) !== 'neutral',
    )
    .sort((a, b) => Date.parse(a.postedAt) - Date.parse(b.postedAt))
    .slice(-PERSON_WINDOW);
  if (recent.length === 0) return undefined;
  return recent.reduce((sum, item) => sum + item.sentiment, 0) / recent.length;
}
