import { normalize } from './skills';

/**
 * Deterministic signals read from one answer. Every signal is a plain pattern count so a reviewer
 * can see why the policy or the scorer reacted the way it did.
 */
export interface AnswerSignals {
  words: number;
  sentences: number;
  /** "some", "stuff", "various", "kind of", … */
  vagueMarkers: string[];
  /** "not sure", "never used", "I don't know", … */
  uncertaintyMarkers: string[];
  /** "I'm good at", "I have 5 years", "I know", "expert in", … */
  claimMarkers: string[];
  /** A told story: "when I", "at my last job", "we built", "for example", … */
  exampleMarkers: string[];
  /** "because", "under the hood", "trade-off", "complexity", … */
  depthMarkers: string[];
  /** "reduced", "increased", "%", "ms", … */
  impactMarkers: string[];
  /** Numbers other than a bare count of years. */
  metrics: number;
  /** Situation, task, action, result: which of the four the answer seems to cover. */
  star: { situation: boolean; task: boolean; action: boolean; result: boolean };
  /** "first", "then", "finally", numbered steps. */
  sequenceMarkers: string[];
  tradeoffMarkers: string[];
  fillerWords: number;
  /** The candidate asks for a hint. */
  asksForHint: boolean;
  /** The candidate asks to skip or move on. */
  asksToMoveOn: boolean;
  /** The candidate asks the interviewer to repeat or explain the question. */
  asksToRepeat: boolean;
  /** The candidate built/worked on something ("I built a …"). */
  describesProject: boolean;
  /** Does the answer say how much experience, without anything to back it up? */
  statesYearsOnly: boolean;
  /** "maybe a hash map?", "I'd guess it's the cache": a proposal offered without confidence (null if none). */
  hedgedGuess: string | null;
  /** "we", "our", "us", "the team" */
  weCount: number;
  /** The answer speaks only of what "we" did and never of the candidate's own part. */
  teamOnly: boolean;
}

const find = (normalized: string, patterns: readonly (string | RegExp)[]): string[] => {
  const hits: string[] = [];
  for (const p of patterns) {
    if (typeof p === 'string') {
      if (normalized.includes(` ${p} `)) hits.push(p);
    } else {
      const m = normalized.match(p);
      if (m) hits.push(m[0].trim());
    }
  }
  return hits;
};

const VAGUE = [
  'some',
  'stuff',
  'things',
  'something',
  'kind of',
  'sort of',
  'a bit',
  'various',
  'etc',
  'and so on',
  'a lot of things',
  'here and there',
  'a few',
  'whatever',
  'basically',
  'in general',
  'generally',
  'all sorts',
  'some work',
  'done some',
  'worked with',
  'a little',
  'bits and pieces',
] as const;

const UNCERTAIN: readonly (string | RegExp)[] = [
  /\bnot (really |very |totally |entirely |too )?sure\b/,
  /\bi (don't|do not|dont) (really )?know\b/,
  /\bnever (really )?(used|worked|touched|tried|done)\b/,
  /\b(haven't|have not|havent) (really )?(used|worked|touched|tried|done|had)\b/,
  /\bno (real |much |hands-on )?experience\b/,
  /\bnot (very )?familiar\b/,
  /\bunfamiliar\b/,
  /\bi (guess|think maybe)\b/,
  /\bnot confident\b/,
  /\bno idea\b/,
  /\b(i'm|i am) (a bit )?(rusty|unsure|new to)\b/,
  /\bonly (read|heard) about\b/,
  /\b(don't|do not) remember\b/,
];

const CLAIM: readonly (string | RegExp)[] = [
  /\b(i'm|i am) (really |very |pretty |quite )?(a |an )?(really |very )?(good|great|strong|skilled|experienced|proficient|solid|comfortable|expert|natural)\b/,
  /\bi (have|got) \d+\+? (years|yrs)\b/,
  /\b\d+\+? years (of )?(experience|exp)\b/,
  /\bi know [a-z0-9+#.]+( [a-z0-9+#.]+)? (well|very well|inside out|thoroughly)\b/,
  /\bi know (a lot|everything|all) about\b/,
  /\b(expert|proficient|fluent|advanced) (in|at|with)\b/,
  /\bi('ve| have) (used|worked with|done) [a-z0-9+#. ]+ (a lot|extensively|for years|many times)\b/,
  /\bi('ve| have) (extensive|lots of|a lot of|deep|strong) experience\b/,
  /\b(i'm|i am) familiar with\b/,
  /\bi('ve| have) (done|used|worked with|built) [a-z0-9+#./ ]+ before\b/,
];

const EXAMPLE: readonly (string | RegExp)[] = [
  /\bfor (example|instance)\b/,
  /\b(at|in) my (last|previous|current|old) (job|role|company|team|position)\b/,
  /\bwhen i (was|worked|joined|led|built|had)\b/,
  /\bone time\b/,
  /\bon (a|one|our|my) (project|team)\b/,
  /\bwe (built|shipped|migrated|launched|designed|had|rolled out|rewrote|moved)\b/,
  /\bi (built|shipped|migrated|launched|designed|led|wrote|implemented|rewrote|created|introduced|refactored|reduced|fixed|debugged|profiled|set up|noticed)\b/,
  /\bthe (project|system|service|feature) (was|had|needed)\b/,
  /\b(last|this) (year|quarter|month)\b/,
];

const DEPTH: readonly (string | RegExp)[] = [
  'because',
  'under the hood',
  'internally',
  'which means',
  'so that',
  'the reason',
  'instead of',
  'rather than',
  'trade-off',
  'tradeoff',
  'trade off',
  'complexity',
  'big o',
  'o(n)',
  'o(1)',
  'o(log n)',
  'o(n log n)',
  'o(n^2)',
  'invariant',
  'race condition',
  'reconciliation',
  'closure',
  'garbage collection',
  'event loop',
  'isolation level',
  'edge case',
  'edge cases',
  'worst case',
  'amortized',
  'bottleneck',
  'depends on whether',
  /\bworks by\b/,
  /\bthe way it works\b/,
  /\bhappens when\b/,
];

const IMPACT: readonly (string | RegExp)[] = [
  /\b(reduced|increased|improved|cut|saved|grew|doubled|halved|tripled|sped up|dropped|raised|lowered|boosted)\b/,
  /\b\d+(\.\d+)? ?(%|percent|x|ms|s|seconds|minutes|hours|days|k|m|gb|mb|tb|users|customers|requests|qps|rps)\b/,
  /\b(revenue|customers|users|conversion|retention|uptime|availability|incident|incidents|on time|deadline)\b/,
  /\b(as a result|the result|resulted in|which led to|outcome|in the end|eventually)\b/,
];

const SEQUENCE: readonly (string | RegExp)[] = [
  'first',
  'firstly',
  'second',
  'then',
  'next',
  'after that',
  'finally',
  'lastly',
  /\bstep \d\b/,
  /(^| )\d\) /,
];
const TRADEOFF: readonly (string | RegExp)[] = [
  'trade-off',
  'tradeoff',
  'trade off',
  'downside',
  'on the other hand',
  'alternatively',
  'instead of',
  'rather than',
  'pros and cons',
  'the cost',
  'at the expense',
  'versus',
  'vs',
];
const FILLERS = /\b(um+|uh+|erm|like,|you know|i mean|basically|literally|actually)\b/g;

const SITUATION = /\b(at my|in my|when i|we had|the team|the project|our (team|company|service|system)|situation|context|there was)\b/;
const TASK =
  /\b(my (job|task|role|goal|responsibility)|i was (asked|responsible|tasked)|i had to|i needed to|i owned|the goal was|we needed to)\b/;
const ACTION =
  /\bi (built|wrote|led|designed|decided|proposed|set up|implemented|talked|organised|organized|created|changed|introduced|ran|reviewed|fixed|migrated|refactored|profiled|measured|asked|worked|split|added|removed|moved)\b/;
const RESULT =
  /\b(as a result|the result|resulted|in the end|outcome|we (shipped|launched|delivered|cut|reduced|saved)|reduced|improved|increased|saved|learned|learnt|since then)\b/;

const HINT_REQUEST =
  /\b(can i (get|have) a hint|give me a hint|a hint please|any hints?|i'm stuck|i am stuck|could you give me a hint|need a hint|hint\?)\b/;
const MOVE_ON =
  /\b(skip( this)?( one| question)?|next question|move on|pass on this|can we move|let's move on|i'd rather not answer|i pass)\b/;
const REPEAT =
  /\b(repeat the question|say that again|what do you mean|could you rephrase|can you rephrase|what was the question|can you clarify the question|sorry\?)\b/;
const PROJECT = /\b(i|we) (built|created|developed|made|launched|shipped|worked on|wrote) (a|an|the|our|my) [a-z]+/;
const YEARS_ONLY = /\b\d+\+? (years|yrs)\b/;

const GUESS =
  /\b(i guess (it'?s|it is|you|we|that|the|a|an|i'?d)|i think maybe|maybe (it'?s|it is|we|you|i'?d|use|using|a|an|the|by|with)|probably (a|an|the|it'?s|use|using|because)|could it be|my guess is|my best guess|i'?d guess|perhaps (a|an|the|it'?s|use|using)|i think it (might|could) be|would it be|is it (maybe|because))\b/;
/** Not knowing at all, as opposed to guessing: a guess needs something offered. */
const BLANK =
  /\b(no idea|(don't|do not|dont) know|never (really )?(used|worked|touched|tried|done)|(haven't|have not|havent) (really )?(used|worked|touched|tried|done)|no (real |much |hands-on )?experience|not (very )?familiar|stuck|where to start)\b/;
const WE = /\b(we|we're|we've|we'd|our|ours|us|the team)\b/g;
const OWN = /\b(i|i'm|i've|i'd|i'll|my|me|myself|mine)\b/;

/** "Situation:", "Task -", "Result:" written as labels (normalising would drop the colon). */
const STAR_LABEL = (part: string) => new RegExp(`(^|[\\s(])${part}\\s*[:\\-–—]`, 'm');

/** Quantities written in words: "twelve", "a third", "doubled" measure a result as well as digits do. */
const NUMBER_WORDS =
  /\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|half|a third|a quarter|twice|doubled|tripled|halved|quadrupled)\b(?! (years|yrs|year))/g;

export function analyzeAnswer(text: string): AnswerSignals {
  const n = normalize(text);
  const raw = text.toLowerCase();
  const words = n.trim() ? n.trim().split(' ').length : 0;
  const sentences = Math.max(1, (text.match(/[.!?]+(\s|$)/g) ?? []).length || (words > 0 ? 1 : 0));
  const numbers = (raw.match(/\b\d+(\.\d+)?\b/g) ?? []).length;
  const yearNumbers = (raw.match(/\b\d+\+? (years|yrs)\b/g) ?? []).length;
  const exampleMarkers = find(n, EXAMPLE);
  const metrics = Math.max(0, numbers - yearNumbers) + (raw.match(NUMBER_WORDS) ?? []).length;
  const weCount = (n.match(WE) ?? []).length;
  return {
    words,
    sentences,
    vagueMarkers: find(n, VAGUE),
    uncertaintyMarkers: find(n, UNCERTAIN),
    claimMarkers: find(n, CLAIM),
    exampleMarkers,
    depthMarkers: find(n, DEPTH),
    impactMarkers: find(n, IMPACT),
    metrics,
    star: {
      situation: SITUATION.test(n) || STAR_LABEL('situation').test(raw),
      task: TASK.test(n) || STAR_LABEL('task').test(raw),
      action: ACTION.test(n) || STAR_LABEL('action').test(raw),
      result: RESULT.test(n) || STAR_LABEL('result').test(raw),
    },
    sequenceMarkers: find(n, SEQUENCE),
    tradeoffMarkers: find(n, TRADEOFF),
    fillerWords: (raw.match(FILLERS) ?? []).length,
    asksForHint: HINT_REQUEST.test(n),
    asksToMoveOn: MOVE_ON.test(n),
    asksToRepeat: REPEAT.test(n),
    describesProject: PROJECT.test(n),
    statesYearsOnly: YEARS_ONLY.test(n) && exampleMarkers.length === 0 && metrics === 0,
    hedgedGuess: words >= 4 && !BLANK.test(n) ? (GUESS.exec(n)?.[0] ?? null) : null,
    weCount,
    teamOnly: weCount >= 2 && !OWN.test(n),
  };
}

/** Content words of a text (for topic overlap between a question and an answer). */
export function contentWords(text: string): Set<string> {
  return new Set(
    normalize(text)
      .trim()
      .split(' ')
      .map((w) => w.replace(/[^a-z0-9+#]/g, ''))
      .filter((w) => w.length > 3 && !STOP.has(w)),
  );
}

const STOP = new Set([
  'this',
  'that',
  'with',
  'have',
  'from',
  'what',
  'when',
  'where',
  'which',
  'your',
  'about',
  'would',
  'could',
  'should',
  'there',
  'their',
  'they',
  'them',
  'then',
  'than',
  'were',
  'been',
  'into',
  'some',
  'more',
  'most',
  'very',
  'just',
  'also',
  'like',
  'make',
  'made',
  'does',
  'done',
  'each',
  'tell',
  'time',
  'walk',
  'through',
  'describe',
  'explain',
  'think',
  'know',
  'really',
  'much',
  'many',
  'want',
  'will',
  'well',
  'only',
  'over',
  'such',
  'these',
  'those',
  'because',
]);
