/** Words for a 0–100 score, so a number never stands alone. */
export function scoreBand(score: number): { label: string; tone: 'excellent' | 'strong' | 'solid' | 'developing' | 'weak' } {
  if (score >= 85) return { label: 'Excellent', tone: 'excellent' };
  if (score >= 70) return { label: 'Strong', tone: 'strong' };
  if (score >= 55) return { label: 'Solid', tone: 'solid' };
  if (score >= 40) return { label: 'Developing', tone: 'developing' };
  return { label: 'Needs work', tone: 'weak' };
}

export function formatScore(score: number): string {
  return String(Math.round(score));
}

export function formatWeight(weight: number): string {
  return `${Math.round(weight * 100)}%`;
}
