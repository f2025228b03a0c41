import { useEffect, useRef, useState } from 'react';
import type { EditorFile } from './files';
import { monaco } from './monaco';

export interface EditorChange {
  file: EditorFile;
  /** Characters inserted plus characters deleted by this change (all cursors). */
  diffChars: number;
  text: string;
  cursor: { line: number; column: number } | undefined;
}

interface Props {
  files: EditorFile[];
  onChange: (change: EditorChange) => void;
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export function CodeEditor({ files, onChange }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const modelsRef = useRef(new Map<string, monaco.editor.ITextModel>());
  const onChangeRef = useRef(onChange);
  const [active, setActive] = useState(files[0]?.name ?? '');

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const models = modelsRef.current;
    for (const f of files) {
      if (!models.has(f.name)) models.set(f.name, monaco.editor.createModel(f.initialText, f.language, monaco.Uri.parse(`file:///${f.name}`)));
    }
    const editor = monaco.editor.create(host.current, {
      model: models.get(files[0]!.name)!,
      theme: darkQuery().matches ? 'vs-dark' : 'vs',
      automaticLayout: true,
      fontSize: 14,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 4,
      renderWhitespace: 'selection',
      padding: { top: 12 },
      ariaLabel: 'Code editor',
    });
    editorRef.current = editor;
    const subscription = editor.onDidChangeModelContent((e) => {
      const model = editor.getModel();
      if (!model) return;
      const file = files.find((f) => model.uri.path === `/${f.name}`);
      if (!file) return;
      const diffChars = e.changes.reduce((sum, c) => sum + c.rangeLength + c.text.length, 0);
      const pos = editor.getPosition();
      onChangeRef.current({ file, diffChars, text: model.getValue(), cursor: pos ? { line: pos.lineNumber, column: pos.column } : undefined });
    });
    const media = darkQuery();
    const onScheme = () => monaco.editor.setTheme(media.matches ? 'vs-dark' : 'vs');
    media.addEventListener('change', onScheme);
    editor.focus();
    return () => {
      media.removeEventListener('change', onScheme);
      subscription.dispose();
      editor.dispose();
      for (const m of models.values()) m.dispose();
      models.clear();
      editorRef.current = null;
    };
  }, [files]);

  const switchTo = (name: string) => {
    const model = modelsRef.current.get(name);
    if (!model || !editorRef.current) return;
    editorRef.current.setModel(model);
    editorRef.current.focus();
    setActive(name);
  };

  return (
    <div className="editor-panel">
      <div className="editor-toolbar">
        <div className="file-tabs" role="tablist" aria-label="Files">
          {files.map((f) => (
            <button key={f.name} type="button" role="tab" aria-selected={active === f.name} className={`file-tab${active === f.name ? ' active' : ''}`} onClick={() => switchTo(f.name)}>
              {f.name}
            </button>
          ))}
        </div>
      </div>
      <div className="editor-host" ref={host} data-testid="code-editor" />
    </div>
  );
}
