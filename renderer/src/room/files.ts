import { EDITOR_LANGUAGES, type EditorLanguage, type Question } from '../../../shared/session/model';

export interface EditorFile {
  /** File name as it appears in telemetry (`file`) and in the editor. */
  name: string;
  /** Monaco language id and the telemetry `language`. */
  language: string;
  /** The runner's language, or null for notes. */
  runLanguage: EditorLanguage | null;
  label: string;
  initialText: string;
}

export const LANGUAGES: Record<EditorLanguage, { file: string; monaco: string; label: string; template: string }> = {
  python: {
    file: 'solution.py',
    monaco: 'python',
    label: 'Python',
    template: 'def main() -> None:\n    print("Hello")\n\n\nif __name__ == "__main__":\n    main()\n',
  },
  javascript: {
    file: 'solution.js',
    monaco: 'javascript',
    label: 'JavaScript',
    template: "function main() {\n  console.log('Hello');\n}\n\nmain();\n",
  },
  typescript: {
    file: 'solution.ts',
    monaco: 'typescript',
    label: 'TypeScript',
    template: "function main(): void {\n  console.log('Hello');\n}\n\nmain();\n",
  },
  java: {
    file: 'Main.java',
    monaco: 'java',
    label: 'Java',
    template: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello");\n    }\n}\n',
  },
  cpp: {
    file: 'solution.cpp',
    monaco: 'cpp',
    label: 'C++',
    template: '#include <iostream>\n\nint main() {\n    std::cout << "Hello" << std::endl;\n    return 0;\n}\n',
  },
  go: {
    file: 'main.go',
    monaco: 'go',
    label: 'Go',
    template: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("Hello")\n}\n',
  },
  rust: { file: 'main.rs', monaco: 'rust', label: 'Rust', template: 'fn main() {\n    println!("Hello");\n}\n' },
};

export const NOTES_FILE = 'notes.md';

/**
 * The files of a session: one per runnable language for coding questions (the question's starter
 * code where it has one, a small template otherwise), and Markdown notes for design and behavioral
 * questions. Switching language or question never discards work: every file lives for the session.
 */
export function filesForSession(questions: Question[]): EditorFile[] {
  const coding = questions.filter((q) => q.category === 'coding');
  const files: EditorFile[] = [];
  if (coding.length > 0 || questions.length === 0) {
    const starter = coding[0]?.starterCode ?? {};
    for (const lang of EDITOR_LANGUAGES) {
      const l = LANGUAGES[lang];
      files.push({ name: l.file, language: l.monaco, runLanguage: lang, label: l.label, initialText: starter[lang] ?? l.template });
    }
  }
  if (questions.some((q) => q.category !== 'coding')) {
    files.push({ name: NOTES_FILE, language: 'markdown', runLanguage: null, label: 'Notes', initialText: '# Notes\n\n' });
  }
  return files;
}

/** Python first when the question has starter code for it, else the first file with starter code. */
export function defaultFile(files: EditorFile[], questions: Question[]): EditorFile {
  const starters = questions.find((q) => q.category === 'coding')?.starterCode ?? {};
  return files.find((f) => f.runLanguage && starters[f.runLanguage] !== undefined) ?? files[0]!;
}
