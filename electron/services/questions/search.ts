import { DIFFICULTIES } from '../../../shared/config/interview-config';
import {
  BANK_CATEGORIES,
  BANK_ROLES,
  CATEGORY_LABELS,
  keywordTerms,
  type BankFacets,
  type BankQuestion,
  type BankRole,
  type BankSearchResult,
  type ParsedBankQuery,
} from '../../../shared/interviewer/question-bank';

/** Lower case, accents removed, so `Café` and `cafe` match. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Words of a text: letters, digits, and `+`/`#` so `c++` and `c#` stay themselves. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9+#]+/)
    .filter(Boolean);
}

/** Common spellings of the same skill, so a job's `K8s` finds questions tagged `kubernetes`. */
const SKILL_ALIASES: Record<string, string> = {
  js: 'javascript',
  ts: 'typescript',
  k8s: 'kubernetes',
  postgres: 'postgresql',
  golang: 'go',
  py: 'python',
  node: 'nodejs',
  reactjs: 'react',
  ml: 'machine learning',
  ci: 'ci/cd',
  cicd: 'ci/cd',
};

function skillWords(skill: string): string[] {
  const compact = fold(skill)
    .replace(/\.js\b/g, 'js')
    .replace(/[\s.-]+/g, '');
  const alias = SKILL_ALIASES[compact];
  return words(alias ?? fold(skill).replace(/\.js\b/g, 'js'));
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((w, j) => haystack[i + j] === w)) return true;
  }
  return false;
}

/**
 * True when a question skill and a job skill name the same thing: the same words ignoring case, dots,
 * dashes and spaces (`Node.js` = `nodejs`), a known alias, or one is a whole-word part of the other
 * (`system design` in `distributed system design`).
 */
export function skillsMatch(questionSkill: string, jobSkill: string): boolean {
  const a = skillWords(questionSkill);
  const b = skillWords(jobSkill);
  if (a.length === 0 || b.length === 0) return false;
  if (a.join('') === b.join('')) return true;
  return containsRun(a, b) || containsRun(b, a);
}

/** How many of the given job skills the question exercises. */
export function skillOverlap(question: BankQuestion, jobSkills: readonly string[]): number {
  return jobSkills.filter((s) => question.skills.some((qs) => skillsMatch(qs, s))).length;
}

interface Indexed {
  question: BankQuestion;
  title: string;
  tags: string;
  body: string;
}

export function indexQuestion(question: BankQuestion): Indexed {
  return {
    question,
    title: fold(question.title),
    tags: fold([question.id, CATEGORY_LABELS[question.category], ...question.skills, ...question.keywords.flatMap(keywordTerms)].join(' ')),
    body: fold(question.prompt),
  };
}

function roleMatches(question: BankQuestion, role: BankRole): boolean {
  return question.roles.includes(role) || question.roles.includes('general');
}

type Filter = 'category' | 'difficulty' | 'role' | 'skill';

function passes(q: BankQuestion, query: ParsedBankQuery, except?: Filter): boolean {
  if (except !== 'category' && query.category !== undefined && q.category !== query.category) return false;
  if (except !== 'difficulty' && query.difficulty !== undefined && q.difficulty !== query.difficulty) return false;
  if (except !== 'role' && query.role !== undefined && !roleMatches(q, query.role)) return false;
  if (except !== 'skill' && query.skill !== undefined && !q.skills.some((s) => skillsMatch(s, query.skill!))) return false;
  return true;
}

/** Relevance of a text query: 0 when some word is missing, else higher for hits in the title and tags. */
function textScore(entry: Indexed, queryWords: string[]): number {
  let score = 0;
  for (const w of queryWords) {
    const inTitle = entry.title.includes(w);
    const inTags = entry.tags.includes(w);
    const inBody = entry.body.includes(w);
    if (!inTitle && !inTags && !inBody) return 0;
    score += (inTitle ? 3 : 0) + (inTags ? 2 : 0) + (inBody ? 1 : 0);
  }
  return score;
}

const CATEGORY_ORDER = new Map(BANK_CATEGORIES.map((c, i) => [c, i]));
const DIFFICULTY_ORDER = new Map(DIFFICULTIES.map((d, i) => [d, i]));

function browseOrder(a: BankQuestion, b: BankQuestion): number {
  return (
    CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)! ||
    DIFFICULTY_ORDER.get(a.difficulty)! - DIFFICULTY_ORDER.get(b.difficulty)! ||
    a.title.localeCompare(b.title, 'en') ||
    a.id.localeCompare(b.id, 'en')
  );
}

/**
 * Filters and ranks the bank. With text, the best matches come first; without, questions are in
 * browsing order (category, difficulty, title). Facets count each filter's values with the other
 * filters applied, so the browser can show what each choice would yield.
 */
export function searchIndexed(index: readonly Indexed[], query: ParsedBankQuery): BankSearchResult {
  const queryWords = query.text ? words(query.text) : [];
  const scored: Array<{ question: BankQuestion; score: number }> = [];
  for (const entry of index) {
    const score = queryWords.length > 0 ? textScore(entry, queryWords) : 1;
    if (score > 0) scored.push({ question: entry.question, score });
  }
  const facets = emptyFacets();
  for (const { question: q } of scored) {
    if (passes(q, query, 'category')) facets.category[q.category]++;
    if (passes(q, query, 'difficulty')) facets.difficulty[q.difficulty]++;
    if (passes(q, query, 'role')) for (const role of BANK_ROLES) if (roleMatches(q, role)) facets.role[role]++;
  }
  const matches = scored.filter(({ question }) => passes(question, query));
  matches.sort((a, b) => b.score - a.score || browseOrder(a.question, b.question));
  return {
    total: matches.length,
    items: matches.slice(query.offset, query.offset + query.limit).map((m) => m.question),
    facets,
  };
}

function emptyFacets(): BankFacets {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return { category: zeros(BANK_CATEGORIES), difficulty: zeros(DIFFICULTIES), role: zeros(BANK_ROLES) };
}
