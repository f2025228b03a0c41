/**
 * Splits a reply into sentences as it streams, so each one can be synthesised the moment it is
 * complete (docs/voice.md, "Speaking while the reply streams"). The same splitter runs on a whole
 * text, so the sentences of a streamed reply and of the stored turn are the same list, and prosody
 * directives can point at them by index.
 */

/** Words that end with a full stop without ending the sentence. */
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'no',
  'approx',
  'fig',
  'cf',
  'inc',
  'ltd',
]);

/** A sentence longer than this is cut at a comma or space, so no single request waits on a paragraph. */
export const MAX_SENTENCE_CHARS = 240;

export class SentenceChunker {
  private buffer = '';
  private inCode = false;

  /** Adds streamed text; returns the sentences it completed (trimmed, never empty). */
  push(delta: string): string[] {
    this.buffer += delta;
    return this.drain(false);
  }

  /** The rest, at the end of the reply. */
  flush(): string[] {
    const out = this.drain(true);
    const rest = this.buffer.trim();
    this.buffer = '';
    this.inCode = false;
    if (rest) out.push(rest);
    return out;
  }

  /** Forgets what was pushed (the reply was withdrawn). */
  reset(): void {
    this.buffer = '';
    this.inCode = false;
  }

  private drain(final: boolean): string[] {
    const out: string[] = [];
    for (;;) {
      const end = this.boundary(final);
      if (end < 0) break;
      const sentence = this.buffer.slice(0, end).trim();
      this.buffer = this.buffer.slice(end);
      if (sentence) out.push(sentence);
    }
    return out;
  }

  /** Index just past the first complete sentence in the buffer, or -1. */
  private boundary(final: boolean): number {
    const text = this.buffer;
    let inCode = this.inCode;
    // Only the first MAX_SENTENCE_CHARS are searched, so a stream and the whole text cut at the same places.
    const limit = Math.min(text.length, MAX_SENTENCE_CHARS);
    for (let i = 0; i < limit; i++) {
      const ch = text[i]!;
      if (ch === '`') {
        inCode = !inCode;
        continue;
      }
      if (inCode) continue;
      if (ch === '\n' && text.slice(0, i).trim().length > 0) return this.cut(i + 1);
      if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
      // Runs of closing punctuation ("?!", '."', ".)") stay with their sentence.
      let j = i + 1;
      while (j < text.length && /[.!?…"'”’)\]]/.test(text[j]!)) j++;
      if (j >= text.length) {
        // The next delta may continue it ("3." of "3.5", "e." of "e.g."); only the end of the reply settles it.
        if (final && !this.isAbbreviation(text, i)) return this.cut(j);
        return -1;
      }
      if (!/\s/.test(text[j]!)) {
        i = j - 1;
        continue;
      }
      if (ch === '.' && this.isAbbreviation(text, i)) continue;
      return this.cut(j);
    }
    if (text.length > MAX_SENTENCE_CHARS) {
      const head = text.slice(0, MAX_SENTENCE_CHARS);
      const at = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '));
      const space = head.lastIndexOf(' ');
      const cut = at > MAX_SENTENCE_CHARS / 3 ? at + 1 : space > 0 ? space : MAX_SENTENCE_CHARS;
      return this.cut(cut);
    }
    return -1;
  }

  /** Whether a code span is open is carried past the cut, so a sentence boundary never falls inside one. */
  private cut(index: number): number {
    for (const ch of this.buffer.slice(0, index)) if (ch === '`') this.inCode = !this.inCode;
    return index;
  }

  private isAbbreviation(text: string, dot: number): boolean {
    const before = text.slice(0, dot).match(/(\S+)$/)?.[1] ?? '';
    const word = before.toLowerCase().replace(/^[("'“‘]+/, '');
    if (ABBREVIATIONS.has(word)) return true;
    // A single letter ("J. Smith", "e." of "e.g.") or a number with its decimals to come.
    return /^[a-z]$/i.test(word);
  }
}

/** The sentences of a whole text, exactly as a stream of it would have produced them. */
export function splitSentences(text: string): string[] {
  const chunker = new SentenceChunker();
  return [...chunker.push(text), ...chunker.flush()];
}
