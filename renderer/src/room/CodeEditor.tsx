import { useEffect, useRef } from 'react';
import type { RawEdit } from './edit-capture';
import type { EditorFile } from './files';
import { editorThemeFor, monaco } from './monaco';

/** A paste at least this long (characters or lines) is an integrity signal for reviewers. */
export const LARGE_PASTE = { chars: 200, lines: 5 };

interface Props {
  files: EditorFile[];
  /** Text to open each file with (the stored text when resuming, else the starter). */
  initialText: Record<string, string>;
  active: string;
  fontSize: number;
  /** `currentText` reads the file's whole text; call it only when needed (it costs O(size)). */
  onEdit: (edit: Omit<RawEdit, 'ts' | 'offsetMs'>, currentText: () => string) => void;
  onLargePaste: (info: { file: string; chars: number; lines: number }) => void;
  onRun: () => void;
  /** Runs the tests (Ctrl+Alt+Enter: Ctrl+Shift+Enter is Monaco's "insert line above"). */
  onTest?: () => void;
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/**
 * With `?profile` in the page URL, the cost of capturing each edit is recorded as a User Timing
 * measure (`ir:edit-capture`), visible in DevTools and read by the keystroke benchmark.
 */
const PROFILE = new URLSearchParams(window.location.search).has('profile');

export function CodeEditor({ files, initialText, active, fontSize, onEdit, onLargePaste, onRun, onTest }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const modelsRef = useRef(new Map<string, monaco.editor.ITextModel>());
  const callbacks = useRef({ onEdit, onLargePaste, onRun, onTest });

  useEffect(() => {
    callbacks.current = { onEdit, onLargePaste, onRun, onTest };
  }, [onEdit, onLargePaste, onRun, onTest]);

  useEffect(() => {
    if (!host.current) return;
    const models = modelsRef.current;
    for (const f of files) {
      models.set(
        f.name,
        monaco.editor.createModel(initialText[f.name] ?? f.initialText, f.language, monaco.Uri.parse(`file:///${f.name}`)),
      );
    }
    const byUri = new Map(files.map((f) => [`/${f.name}`, f]));
    const editor = monaco.editor.create(host.current, {
      model: null,
      theme: editorThemeFor(darkQuery().matches),
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      padding: { top: 12 },
      // Enter is always a new line: with the suggest widget open it would otherwise swap the word just
      // typed for a suggestion ("i" → "in"), changing the candidate's code and its telemetry. Tab accepts.
      acceptSuggestionOnEnter: 'off',
      ariaLabel: 'Code editor',
    });
    editorRef.current = editor;
    const subscriptions = [
      editor.onDidChangeModelContent((e) => {
        const start = PROFILE ? performance.now() : 0;
        const model = editor.getModel();
        const file = model && byUri.get(model.uri.path);
        if (!model || !file) return;
        const pos = editor.getPosition();
        callbacks.current.onEdit(
          {
            file,
            changes: e.changes.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text })),
            ...(pos ? { cursor: { line: pos.lineNumber, column: pos.column } } : {}),
          },
          () => model.getValue(),
        );
        if (PROFILE) performance.measure('ir:edit-capture', { start });
      }),
      editor.onDidPaste((e) => {
        const model = editor.getModel();
        if (!model) return;
        const pasted = model.getValueInRange(e.range);
        const lines = pasted.split('\n').length;
        if (pasted.length >= LARGE_PASTE.chars || lines >= LARGE_PASTE.lines) {
          callbacks.current.onLargePaste({ file: model.uri.path.slice(1), chars: pasted.length, lines });
        }
      }),
    ];
    editor.addAction({
      id: 'interview-recorder.run',
      label: 'Run code',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => callbacks.current.onRun(),
    });
    editor.addAction({
      id: 'interview-recorder.test',
      label: 'Test code',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Alt | monaco.KeyCode.Enter],
      run: () => callbacks.current.onTest?.(),
    });
    const media = darkQuery();
    const onScheme = () => monaco.editor.setTheme(editorThemeFor(media.matches));
    media.addEventListener('change', onScheme);
    return () => {
      media.removeEventListener('change', onScheme);
      for (const s of subscriptions) s.dispose();
      editor.dispose();
      for (const m of models.values()) m.dispose();
      models.clear();
      editorRef.current = null;
    };
    // The editor and its models live as long as the room; initial text is only read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [files]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = modelsRef.current.get(active);
    if (!editor || !model || editor.getModel() === model) return;
    editor.setModel(model);
    editor.focus();
  }, [active, files]);

  useEffect(() => {
    editorRef.current?.updateOptions({ fontSize });
  }, [fontSize]);

  return <div className="editor-host" ref={host} data-testid="code-editor" />;
}

/** The text of an open file, for running it. */
export function currentText(file: string): string | null {
  return monaco.editor.getModel(monaco.Uri.parse(`file:///${file}`))?.getValue() ?? null;
}
