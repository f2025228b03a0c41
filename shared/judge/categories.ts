/**
 * What a hidden test is about, said without its data: the candidate sees "edge case: empty input", never
 * the input, and the interviewer asks about the category, never the case (docs/judge.md, "Hidden tests").
 * Each category has the question the interviewer asks when a hidden test of it fails; a case may give a
 * question of its own that fits its problem better.
 */
export const EDGE_CATEGORIES = {
  empty: { label: 'empty input', ask: 'What does your function return when the input is empty?' },
  single: { label: 'a single element', ask: 'Walk me through what your code does with just one element.' },
  duplicates: { label: 'repeated values', ask: 'How does your solution handle values that appear more than once?' },
  negatives: { label: 'negative numbers', ask: 'Does your approach still hold when some of the numbers are negative?' },
  zeros: { label: 'zeros', ask: 'What happens in your code when zeros show up in the input?' },
  extremes: {
    label: 'extreme values',
    ask: 'What happens at the largest and smallest values the constraints allow? Could anything overflow?',
  },
  'no-answer': { label: 'no valid answer', ask: 'What does your function return when there is no valid answer?' },
  'all-same': { label: 'all values equal', ask: 'What does your code do when every value is the same?' },
  sorted: { label: 'already ordered input', ask: 'How does your solution behave when the input is already in order, or in reverse order?' },
  boundaries: {
    label: 'answer at the edges',
    ask: 'What happens when the answer sits at the very start or the very end of the input?',
  },
  'long-chain': {
    label: 'a long chain',
    ask: 'How deep can your code go on a very long chain? Would a recursive version survive it?',
  },
  touching: { label: 'touching or nested ranges', ask: 'How do you treat ranges that touch, or that sit inside one another?' },
  cycle: { label: 'a cycle', ask: 'What happens in your code when the links form a cycle?' },
  unreachable: { label: 'unreachable parts', ask: 'What does your function do when part of the input can never be reached?' },
  characters: {
    label: 'mixed characters',
    ask: 'Which characters does your code treat specially? Think about case, punctuation and spaces.',
  },
  'small-capacity': { label: 'the smallest capacity', ask: 'What happens when the capacity is as small as it can be?' },
  updates: { label: 'updating an existing entry', ask: 'What should happen when a key that is already there is written again?' },
  ordering: { label: 'ties and ordering', ask: 'When two answers tie, which one does your code return, and why?' },
  window: { label: 'windows at the limits', ask: 'What happens when the window is as small, or as large, as it can be?' },
} as const satisfies Record<string, { label: string; ask: string }>;

export type EdgeCategory = keyof typeof EDGE_CATEGORIES;
export const EDGE_CATEGORY_NAMES = Object.keys(EDGE_CATEGORIES) as EdgeCategory[];

/** The interviewer's question after a performance test ran out of time: about complexity, never the data. */
export function complexityQuestion(size: string): string {
  return `What is the time complexity of your solution? On a performance test with ${size} it ran out of time, so walk me through where the time goes and how you would bring it down.`;
}

/** How a case's category reads for the candidate: "edge case: empty input", "performance: 100,000 items". */
export function categoryLabel(kind: 'example' | 'hidden' | 'performance', category: string | null): string {
  if (kind === 'example') return 'example';
  if (kind === 'performance') return `performance${category ? `: ${category}` : ''}`;
  const known = category && category in EDGE_CATEGORIES ? EDGE_CATEGORIES[category as EdgeCategory].label : category;
  return `edge case${known ? `: ${known}` : ''}`;
}
