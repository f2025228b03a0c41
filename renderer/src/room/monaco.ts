// Monaco, bundled with the app (never from a CDN): the editor API, the languages interviews use,
// and its web workers, created by Vite from local files.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/java/register';
import 'monaco-editor/languages/definitions/cpp/register';
import 'monaco-editor/languages/definitions/go/register';
import 'monaco-editor/languages/definitions/rust/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/language/typescript/monaco.contribution';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

let themesDefined = false;

/**
 * Monaco's own themes with the colours that fall short of 4.5:1 raised: comments in the dark theme and
 * the dimmed line numbers in both. Defined on first use, when an editor is about to be made: defining
 * one starts Monaco's services, which must not happen before every editor contribution has loaded.
 */
export function editorThemeFor(dark: boolean): string {
  if (!themesDefined) {
    themesDefined = true;
    monaco.editor.defineTheme('ir-light', {
      base: 'vs',
      inherit: true,
      rules: [],
      colors: { 'editorLineNumber.dimmedForeground': '#6e7681' },
    });
    monaco.editor.defineTheme('ir-dark', {
      base: 'vs-dark',
      inherit: true,
      rules: [{ token: 'comment', foreground: '7ca668' }],
      colors: { 'editorLineNumber.dimmedForeground': '#8b949e' },
    });
  }
  return dark ? 'ir-dark' : 'ir-light';
}

export { monaco };
