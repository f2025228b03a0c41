import { editorThemeFor, monaco } from '../room/monaco';

const LANGUAGES: Record<string, string> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  java: 'java',
  cpp: 'cpp',
  cc: 'cpp',
  c: 'cpp',
  h: 'cpp',
  hpp: 'cpp',
  go: 'go',
  rs: 'rust',
  md: 'markdown',
};

export function languageOf(file: string): string {
  return LANGUAGES[file.split('.').pop()?.toLowerCase() ?? ''] ?? 'plaintext';
}

const LARGE_EDIT_CHARS = 4000;

/**
 * Replaces a model's text with `next` as one edit covering only what differs (common prefix and
 * suffix kept), so the view keeps its scroll position and a keystroke costs a keystroke, not a reload.
 */
export function replaceText(model: monaco.editor.ITextModel, previous: string, next: string): void {
  if (previous === next) return;
  const max = Math.min(previous.length, next.length);
  let start = 0;
  while (start < max && previous.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && previous.charCodeAt(previous.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  // A long jump replaces most of the text: loading it whole is cheaper than one edit that big.
  if (previous.length - start - end > LARGE_EDIT_CHARS || next.length - start - end > LARGE_EDIT_CHARS) {
    model.setValue(next);
    return;
  }
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(previous.length - end);
  model.applyEdits([
    { range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: next.slice(start, next.length - end) },
  ]);
}

export const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');
export const editorTheme = () => editorThemeFor(darkQuery().matches);
