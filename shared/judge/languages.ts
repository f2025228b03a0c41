import type { EditorLanguage } from '../session/model';
import type { CaseKind, Signature } from './suite';

/**
 * How each language names what a signature declares, as the bank's starter code writes it: Python and
 * Rust keep snake_case (`pair_with_sum`), the others use camelCase (`pairWithSum`); a class keeps its
 * name everywhere, Go builds it with `newLRUCache(…)` and Rust with `LRUCache::new(…)`.
 */
export function nameIn(language: EditorLanguage, snake: string): string {
  if (language === 'python' || language === 'rust') return snake;
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The names a driver calls in `language`: the function, or the class, its constructor and methods. */
export function namesIn(language: EditorLanguage, signature: Signature): { callable: string; methods: Record<string, string> } {
  if (signature.kind === 'function') return { callable: nameIn(language, signature.name), methods: {} };
  const methods = Object.fromEntries(signature.methods.map((m) => [m.name, nameIn(language, m.name)]));
  const callable = language === 'go' ? `new${signature.name}` : language === 'rust' ? `${signature.name}::new` : signature.name;
  return { callable, methods };
}

/**
 * CPU time a case may use, as a multiple of its budget in C++: interpreters and JITs get more, so a
 * solution of the right complexity passes in every language and one of the wrong complexity fails in
 * every language (docs/judge.md, "Time"). Budgets count the CPU time of the candidate's call, so a busy
 * machine does not fail a fast solution.
 */
export const LANGUAGE_TIME_FACTOR: Record<EditorLanguage, number> = {
  cpp: 1,
  rust: 1,
  go: 2,
  java: 4,
  javascript: 4,
  typescript: 4,
  python: 10,
};

/** Budgets (in C++ CPU milliseconds) of cases that name none. */
export const DEFAULT_BUDGET_MS: Record<CaseKind, number> = { example: 300, hidden: 300, performance: 200 };

export function caseBudgetMs(language: EditorLanguage, kind: CaseKind, budgetMs: number | undefined): number {
  return Math.round((budgetMs ?? DEFAULT_BUDGET_MS[kind]) * LANGUAGE_TIME_FACTOR[language]);
}

/**
 * The wall time a case may take before the judge stops its process: its CPU budget with room for a
 * loaded machine (the program runs at a lower priority than the app). A call still running then is an
 * endless loop or far too slow, either way a timeout.
 */
export function caseWallLimitMs(cpuBudgetMs: number): number {
  return Math.max(2 * cpuBudgetMs, cpuBudgetMs + 2_500);
}

/** Languages whose program is compiled before it runs: built once per run, and the build kept. */
export const COMPILED_LANGUAGES: readonly EditorLanguage[] = ['java', 'cpp', 'go', 'rust'];

/** The file a language's code is in, as the judge names it in messages (the room's own file names). */
export const SOURCE_FILE: Record<EditorLanguage, string> = {
  python: 'solution.py',
  javascript: 'solution.js',
  typescript: 'solution.ts',
  java: 'Main.java',
  cpp: 'solution.cpp',
  go: 'main.go',
  rust: 'main.rs',
};
