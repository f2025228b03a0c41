import { findNames, type Participant } from './names';
import { PLACEHOLDER, placeholder, type RedactionCounts, type RedactionKind } from './kinds';
import { RULES } from './rules';

/** One piece of redacted text: kept as it was, or a placeholder standing for what was there. */
export type Segment = { text: string } | { text: string; kind: RedactionKind; original: string };

export interface RedactionResult {
  text: string;
  counts: RedactionCounts;
  total: number;
}

export interface DetailedRedaction extends RedactionResult {
  /** The text as pieces: what stayed, and each placeholder with what it replaced (for a reviewer's preview). */
  segments: Segment[];
}

export interface RedactOptions {
  /** The session's participants: redacted by full name and by first or last name alone. */
  participants?: readonly Participant[];
  /**
   * For a model provider: the candidate becomes `[CANDIDATE]` and the interviewer `[INTERVIEWER]`, which the
   * app puts back in the reply; everyone else, and everyone elsewhere, is `[NAME]`.
   */
  roles?: boolean;
  /** Look for people's names at all (the pattern rules always run). Default: true. */
  names?: boolean;
  /** Words a reviewer restored: a finding whose original is one of these (in any case) stays as it was. */
  keep?: readonly string[];
}

const isPlaceholder = (s: Segment): s is Extract<Segment, { kind: RedactionKind }> => 'kind' in s;

/**
 * Redacts `input` (docs/redaction.md): the pattern rules in their order, each applied only to what no
 * earlier rule replaced, then people's names. The result is idempotent (placeholders are never touched
 * again) and never longer in secrets: every replaced piece is one placeholder, and what stays is the
 * input's own text.
 */
export function redactDetailed(input: string, options: RedactOptions = {}): DetailedRedaction {
  let segments: Segment[] = splitExistingPlaceholders(input);
  for (const rule of RULES) {
    const next: Segment[] = [];
    for (const seg of segments) {
      if (isPlaceholder(seg) || seg.text === '') {
        next.push(seg);
        continue;
      }
      let last = 0;
      const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
      for (let m = pattern.exec(seg.text); m !== null; m = pattern.exec(seg.text)) {
        const groups = m.slice(1).map((g) => g ?? '');
        const replacement = rule.replace(m[0], groups);
        if (replacement === null || replacement === m[0]) {
          // Refused on a closer look (a number failing Luhn): what starts inside it may still match, so the
          // search goes on from the next character rather than after the whole refused match.
          pattern.lastIndex = m.index + 1;
          continue;
        }
        pushPlain(next, seg.text.slice(last, m.index));
        const pieces = piecesOf(replacement, m[0], rule.kind);
        // Text the replacement keeps at its end is searched again: a second card may start right there.
        const tail = pieces[pieces.length - 1]!;
        const kept = 'kind' in tail ? 0 : tail.text.length;
        for (const piece of kept > 0 ? pieces.slice(0, -1) : pieces) next.push(piece);
        last = m.index + m[0].length - kept;
        pattern.lastIndex = Math.max(last, m.index + 1);
      }
      pushPlain(next, seg.text.slice(last));
    }
    segments = next;
  }
  if (options.names !== false) segments = redactNames(segments, options);
  if (options.keep && options.keep.length > 0) segments = restore(segments, options.keep);
  return summarise(segments);
}

/** `redactDetailed` without the pieces: the text and what was replaced, by kind. */
export function redact(input: string, options: RedactOptions = {}): RedactionResult {
  const { text, counts, total } = redactDetailed(input, options);
  return { text, counts, total };
}

/** Placeholders already in the input (text redacted before) stay placeholders and are not counted again. */
function splitExistingPlaceholders(input: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of input.matchAll(PLACEHOLDER)) {
    pushPlain(out, input.slice(last, m.index));
    out.push({ text: m[0], kind: m[0].slice(1, -1) as RedactionKind, original: '' });
    last = m.index + m[0].length;
  }
  pushPlain(out, input.slice(last));
  return out;
}

function pushPlain(out: Segment[], text: string) {
  if (text === '') return;
  const prev = out[out.length - 1];
  if (prev && !isPlaceholder(prev)) out[out.length - 1] = { text: prev.text + text };
  else out.push({ text });
}

/**
 * A rule's replacement as pieces: the text it keeps (a config key, a URL's scheme, "born on") stays plain,
 * the placeholder stands for the rest of the match.
 */
function piecesOf(replacement: string, match: string, kind: RedactionKind): Segment[] {
  const tag = placeholder(kind);
  const at = replacement.indexOf(tag);
  if (at < 0) return [{ text: replacement, kind, original: match }];
  const prefix = replacement.slice(0, at);
  const suffix = replacement.slice(at + tag.length);
  const keepsEnds = match.startsWith(prefix) && match.endsWith(suffix) && prefix.length + suffix.length <= match.length;
  const original = keepsEnds ? match.slice(prefix.length, match.length - suffix.length) : match;
  const out: Segment[] = [];
  if (keepsEnds && prefix) out.push({ text: prefix });
  out.push({ text: tag, kind, original });
  if (keepsEnds && suffix) out.push({ text: suffix });
  return out;
}

function redactNames(segments: Segment[], options: RedactOptions): Segment[] {
  const joined = segments.map((s) => s.text).join('');
  const spans = findNames(joined, options.participants ?? []);
  if (spans.length === 0) return segments;
  const out: Segment[] = [];
  let pos = 0;
  let k = 0;
  for (const seg of segments) {
    const start = pos;
    const end = pos + seg.text.length;
    pos = end;
    if (isPlaceholder(seg)) {
      out.push(seg);
      continue;
    }
    let last = start;
    while (k < spans.length && spans[k]!.start < end) {
      const span = spans[k]!;
      if (span.start >= start && span.end <= end) {
        pushPlain(out, joined.slice(last, span.start));
        const kind: RedactionKind =
          options.roles && span.participant === 'candidate'
            ? 'CANDIDATE'
            : options.roles && span.participant === 'interviewer'
              ? 'INTERVIEWER'
              : 'NAME';
        out.push({ text: placeholder(kind), kind, original: joined.slice(span.start, span.end) });
        last = span.end;
      }
      k++;
    }
    pushPlain(out, joined.slice(last, end));
  }
  return out;
}

function restore(segments: Segment[], keep: readonly string[]): Segment[] {
  const kept = new Set(keep.map((w) => w.trim().toLowerCase()).filter(Boolean));
  const out: Segment[] = [];
  for (const seg of segments) {
    if (isPlaceholder(seg) && seg.original !== '' && kept.has(seg.original.trim().toLowerCase())) pushPlain(out, seg.original);
    else if (isPlaceholder(seg)) out.push(seg);
    else pushPlain(out, seg.text);
  }
  return out;
}

function summarise(segments: Segment[]): DetailedRedaction {
  const counts: RedactionCounts = {};
  let total = 0;
  for (const seg of segments) {
    // A placeholder that was already in the input (no original) was counted when it was made.
    if (!isPlaceholder(seg) || seg.original === '') continue;
    counts[seg.kind] = (counts[seg.kind] ?? 0) + 1;
    total++;
  }
  return { text: segments.map((s) => s.text).join(''), counts, total, segments };
}
