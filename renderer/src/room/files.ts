import type { EditorLanguage, Question } from '../../../shared/session/model';

export interface EditorFile {
  /** File name as it appears in telemetry (`file`) and in the editor tab. */
  name: string;
  /** Monaco language id and the telemetry `language`. */
  language: string;
  label: string;
  initialText: string;
}

const LANGUAGE_FILES: Record<EditorLanguage, { name: string; monaco: string; label: string }> = {
  python: { name: 'solution.py', monaco: 'python', label: 'Python' },
  javascript: { name: 'solution.js', monaco: 'javascript', label: 'JavaScript' },
  typescript: { name: 'solution.ts', monaco: 'typescript', label: 'TypeScript' },
  java: { name: 'Solution.java', monaco: 'java', label: 'Java' },
  cpp: { name: 'solution.cpp', monaco: 'cpp', label: 'C++' },
  go: { name: 'solution.go', monaco: 'go', label: 'Go' },
  rust: { name: 'solution.rs', monaco: 'rust', label: 'Rust' },
};

/**
 * The files the candidate can work in for a question: one per language with starter code, or a
 * Markdown notes file for design and behavioral questions.
 */
export function filesForQuestion(question: Question | undefined): EditorFile[] {
  const starters = Object.entries(question?.starterCode ?? {}) as Array<[EditorLanguage, string]>;
  if (starters.length === 0) {
    return [{ name: 'notes.md', language: 'markdown', label: 'Notes', initialText: '# Notes\n\n' }];
  }
  return starters.map(([lang, text]) => ({ name: LANGUAGE_FILES[lang].name, language: LANGUAGE_FILES[lang].monaco, label: LANGUAGE_FILES[lang].label, initialText: text }));
}

/** Every file of the session's questions, once each: switching questions never discards work. */
export function filesForSession(questions: Question[]): EditorFile[] {
  const byName = new Map<string, EditorFile>();
  for (const q of questions.length ? questions : [undefined]) {
    for (const f of filesForQuestion(q)) if (!byName.has(f.name)) byName.set(f.name, f);
  }
  return [...byName.values()];
}
