// What a priority rule's `match` means: comma-separated words and phrases (a trailing `*` matches
// any ending), or a `/regular expression/flags`. Matching ignores accents; words match whole, in
// any case. No imports: utils/schema.ts validates rules with this at save and import time.

/** Regexes only ever see this much text: together with refusing nested repeats, it bounds their time. */
const RULE_TEXT_CAP = 5000;
const MAX_PATTERN = 300;
const REGEX_FORM = /^\/(.+)\/([a-z]*)$/s;
const ALLOWED_FLAGS = /^[imsu]*$/;
const WORD_CHAR = '[\\p{L}\\p{N}_]';

/** Drops accents (é → e) so "remboursé" and "rembourse" are the same word. */
export const foldAccents = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '');

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const isRepeat = (source: string, i: number) =>
  source[i] === '*' || source[i] === '+' || source[i] === '?' || /^\{\d+(,\d*)?\}/.test(source.slice(i));

/**
 * Whether a group that repeats holds a repeat or an alternative, as in `(a+)+` or `(a|ab)*`: the
 * shapes whose backtracking can take exponential time (ReDoS). A bounded `?` after a group is fine.
 */
export function hasNestedRepeat(source: string): boolean {
  /** Per open group: whether it holds a repeat or an alternative. */
  const open: boolean[] = [];
  const markOpen = () => {
    if (open.length) open[open.length - 1] = true;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      open.push(false);
      i++;
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: the `?` here is syntax, not a repeat.
      if (source[i] === '?') {
        i++;
        if (source[i] === '<' && source[i + 1] !== '=' && source[i + 1] !== '!') i = source.indexOf('>', i) + 1 || source.length;
        else i += source[i] === '<' ? 2 : 1;
      }
    } else if (c === ')') {
      const risky = open.pop() ?? false;
      i++;
      if (risky && isRepeat(source, i) && source[i] !== '?') return true;
      // What the group holds, the enclosing group holds too; a repeat after it is marked on the next turn.
      if (risky) markOpen();
    } else if (c === '|') {
      markOpen();
      i++;
    } else if (isRepeat(source, i)) {
      markOpen();
      i += source[i] === '{' ? source.indexOf('}', i) - i + 1 : 1;
      // A lazy repeat's `?` belongs to it.
      if (source[i] === '?') i++;
    } else {
      i++;
    }
  }
  return false;
}

function keywordRegex(list: string): RegExp {
  const words = list
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  if (!words.length) throw new Error('Enter at least one word, or a /regular expression/');
  const alternatives = words.map((word) => {
    const prefix = word.endsWith('*');
    const core = foldAccents(prefix ? word.slice(0, -1) : word).trim();
    if (!core) throw new Error(`"${word}" needs at least one letter before the *`);
    if (core.includes('*')) throw new Error(`"${word}": a * may only end a word`);
    const phrase = core.split(/\s+/).map(escapeRegex).join('\\s+');
    return prefix ? `${phrase}${WORD_CHAR}*` : phrase;
  });
  return new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})(?!${WORD_CHAR})`, 'iu');
}

/** The rule's matcher, run on `foldAccents(text)`; throws an Error that says what is wrong with `match`. */
export function compileRuleMatch(match: string): RegExp {
  const trimmed = match.trim();
  if (trimmed.length > MAX_PATTERN) throw new Error(`A rule is at most ${MAX_PATTERN} characters`);
  const regex = REGEX_FORM.exec(trimmed);
  if (!regex) return keywordRegex(trimmed);
  const [, source = '', flags = ''] = regex;
  if (!ALLOWED_FLAGS.test(flags)) throw new Error(`Unsupported regular expression flags "${flags}": use only i, m, s or u`);
  if (hasNestedRepeat(source)) {
    throw new Error(
      'This pattern repeats a group that itself repeats or has alternatives (like (a+)+ or (a|b)*), which can freeze matching',
    );
  }
  try {
    return new RegExp(foldAccents(source), flags);
  } catch (error) {
    throw new Error(`Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Why `match` cannot be used, or undefined when it can. */
export function ruleMatchProblem(match: string): string | undefined {
  try {
    compileRuleMatch(match);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export const ruleMatches = (regex: RegExp, text: string) => regex.test(foldAccents(text.slice(0, RULE_TEXT_CAP)));
