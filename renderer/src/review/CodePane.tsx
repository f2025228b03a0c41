import { useEffect, useRef, useState } from 'react';
import type { CodePlayback } from '../../../shared/playback';
import { codePaneAt } from '../../../shared/review';
import { formatDuration } from '../format';
import { monaco } from '../room/monaco';
import './monaco-features';
import { darkQuery, editorTheme, languageOf, replaceText } from './code-text';
import { PROFILE } from './profile';
import type { ReviewClock } from './review-clock';

/** Lines changed within this long before the moment are highlighted. */
export const RECENT_CHANGE_MS = 3000;

interface Props {
  clock: ReviewClock;
  playback: CodePlayback;
  files: string[];
  /** Each file's text at the end of the session (the diff's right side). */
  final: Record<string, string>;
}

/**
 * The code as it was at the clock's moment, in a read-only Monaco editor (or a diff against the final
 * code). It follows the clock through a direct subscription rather than React state: a seek updates
 * the editor in the same task, and playback never re-renders the React tree.
 */
export function CodePane({ clock, playback, files, final }: Props) {
  const [chosen, setFile] = useState(files[0] ?? '');
  const file = files.includes(chosen) ? chosen : (files[0] ?? '');
  const [diff, setDiff] = useState(false);
  const [missing, setMissing] = useState(false);
  const host = useRef<HTMLDivElement>(null);
  const paneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el || !file) return;
    const language = languageOf(file);
    const shown = monaco.editor.createModel('', language);
    // Bracket pair colours are the model's option, not the editor's: left on, every seek re-parses the
    // whole file's brackets in the next frame.
    shown.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
    const options: monaco.editor.IEditorOptions = {
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      padding: { top: 10 },
      fontSize: 13,
      renderValidationDecorations: 'off',
      // Nobody edits here: what would re-parse a large file on every seek is switched off.
      bracketPairColorization: { enabled: false },
      guides: { bracketPairs: false, indentation: false },
      matchBrackets: 'never',
      occurrencesHighlight: 'off',
      selectionHighlight: false,
      codeLens: false,
      folding: false,
      links: false,
      quickSuggestions: false,
    };
    let editor: monaco.editor.IStandaloneCodeEditor;
    let diffEditor: monaco.editor.IStandaloneDiffEditor | null = null;
    let finalModel: monaco.editor.ITextModel | null = null;
    if (diff) {
      finalModel = monaco.editor.createModel(final[file] ?? playback.textAt(file, Infinity) ?? '', language);
      finalModel.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
      diffEditor = monaco.editor.createDiffEditor(el, {
        ...options,
        theme: editorTheme(),
        originalEditable: false,
        renderSideBySide: true,
        useInlineViewWhenSpaceIsLimited: true,
        ariaLabel: 'Code at this moment compared with the final code',
      });
      diffEditor.setModel({ original: shown, modified: finalModel });
      editor = diffEditor.getOriginalEditor();
    } else {
      editor = monaco.editor.create(el, { ...options, model: shown, theme: editorTheme(), ariaLabel: 'Code at this moment' });
    }
    const highlights = editor.createDecorationsCollection();
    let shownText = '';
    let shownLines = '';
    let shownSeq: number | null = null;
    let shownMissing = false;

    const update = () => {
      const started = PROFILE ? performance.now() : 0;
      const t = clock.getState().tMs;
      const state = codePaneAt(playback, file, t, RECENT_CHANGE_MS);
      if (PROFILE) performance.measure('ir:review-code-state', { start: started });
      const text = state.text ?? '';
      const scrollTop = editor.getScrollTop();
      replaceText(shown, shownText, text);
      if (editor.getScrollTop() !== scrollTop) editor.setScrollTop(scrollTop, monaco.editor.ScrollType.Immediate);
      shownText = text;
      if (PROFILE) performance.measure('ir:review-code-text', { start: started });
      const lines = state.changedLines.join(',');
      if (lines !== shownLines) {
        shownLines = lines;
        highlights.set(
          state.changedLines.map((line) => ({
            range: new monaco.Range(line, 1, line, 1),
            options: { isWholeLine: true, className: 'rv-changed-line', linesDecorationsClassName: 'rv-changed-gutter', stickiness: 1 },
          })),
        );
      }
      const seq = state.lastChange?.seq ?? null;
      if (seq !== shownSeq) {
        shownSeq = seq;
        const last = state.changedLines.at(-1);
        if (last !== undefined && !diffEditor) editor.revealLineInCenterIfOutsideViewport(last, monaco.editor.ScrollType.Immediate);
      }
      // The moment and the change shown, for tests and for anyone inspecting the DOM.
      const pane = paneRef.current;
      if (pane) {
        pane.dataset.seq = seq === null ? '' : String(seq);
        pane.dataset.tms = String(t);
      }
      if ((state.text === null) !== shownMissing) {
        shownMissing = state.text === null;
        setMissing(shownMissing);
      }
      if (PROFILE) performance.measure('ir:review-code', { start: started });
    };
    update();
    const unsubscribe = clock.subscribe(update);
    const media = darkQuery();
    const onScheme = () => monaco.editor.setTheme(editorTheme());
    media.addEventListener('change', onScheme);
    return () => {
      media.removeEventListener('change', onScheme);
      unsubscribe();
      highlights.clear();
      if (diffEditor) diffEditor.dispose();
      else editor.dispose();
      shown.dispose();
      finalModel?.dispose();
    };
  }, [clock, playback, file, diff, final]);

  return (
    <section
      className="rv-code"
      aria-label="Code"
      ref={paneRef}
      data-testid="code-pane"
      data-file={file}
      data-diff={diff ? 'final' : 'none'}
    >
      <header className="rv-pane-bar">
        {files.length > 1 ? (
          <div className="rv-tabs" role="tablist" aria-label="Files">
            {files.map((f) => (
              <button
                key={f}
                type="button"
                role="tab"
                aria-selected={f === file}
                className={`rv-tab${f === file ? ' active' : ''}`}
                onClick={() => setFile(f)}
              >
                {f}
              </button>
            ))}
          </div>
        ) : (
          <span className="file-name">{file || 'No code'}</span>
        )}
        <span className="toolbar-spacer" />
        <span className="rv-legend" aria-hidden={diff}>
          {!diff && (
            <>
              <span className="rv-legend-swatch" /> changed in the last {RECENT_CHANGE_MS / 1000} s
            </>
          )}
          {diff && <>left: at this moment · right: final</>}
        </span>
        <label className="rv-switch">
          <input type="checkbox" checked={diff} onChange={(e) => setDiff(e.target.checked)} />
          Diff to final
        </label>
      </header>
      <div className="rv-code-body">
        <div className="rv-editor-host" ref={host} />
        {missing && file && (
          <div className="rv-code-empty muted" role="status">
            {file} had not been opened yet at this moment
            {playback.firstMoment(file) !== null && <> (it first changes at {formatDuration(playback.firstMoment(file)!)})</>}.
          </div>
        )}
        {!file && <div className="rv-code-empty muted">This session has no code.</div>}
      </div>
    </section>
  );
}
