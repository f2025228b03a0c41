import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { InterviewerState } from '../../../shared/interviewer/model';
import { Icon } from '../components/Icon';
import { LevelMeter } from '../recording/LevelMeter';
import type { DictationController } from '../voice/useDictation';
import type { SpokenAnswer } from './useInterviewer';

/** A transcribed spoken answer put in the box to check (`nonce` tells two equal answers apart). */
export interface DictatedDraft {
  text: string;
  spoken: SpokenAnswer;
  nonce: number;
}

interface Props {
  state: InterviewerState;
  busy: 'answer' | 'hint' | null;
  onSend: (text: string, spoken?: SpokenAnswer) => Promise<boolean>;
  onHint: () => void;
  dictation: DictationController;
  /** Why Speak cannot be used (null: it can). */
  speakUnavailable: string | null;
  dictated: DictatedDraft | null;
}

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
/** Ctrl/Cmd+Shift+S: the editor keeps Ctrl+Shift+Space for its parameter hints. */
export const SPEAK_SHORTCUT = isMac ? '⌘⇧S' : 'Ctrl+Shift+S';

const MAX_ROWS_PX = 180;

/** Where the candidate answers: Enter sends, Shift+Enter starts a new line; Hint asks for the next level. */
export function Composer({ state, busy, onSend, onHint, dictation, speakUnavailable, dictated }: Props) {
  const [draft, setDraft] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  /** Set while the draft holds a spoken answer: it is sent as spoken. */
  const [spoken, setSpoken] = useState<SpokenAnswer | null>(null);
  const [seen, setSeen] = useState<number | null>(null);
  /** Why Speak cannot be used, shown once it is pressed. */
  const [why, setWhy] = useState<string | null>(null);
  const note = dictation.error ?? why;

  // A new transcription joins the draft (adjusted while rendering, so it shows in the same frame).
  if (dictated && dictated.nonce !== seen) {
    setSeen(dictated.nonce);
    setSpoken(dictated.spoken);
    setDraft((current) => (current.trim() ? `${current.trimEnd()} ${dictated.text}` : dictated.text));
  }
  useEffect(() => {
    if (dictated) box.current?.focus();
  }, [dictated]);

  // The shortcut works from anywhere in the room, the editor included (capture phase, before Monaco).
  const toggle = useRef(dictation.toggle);
  const unavailableRef = useRef(speakUnavailable);
  useEffect(() => {
    toggle.current = dictation.toggle;
    unavailableRef.current = speakUnavailable;
  }, [dictation.toggle, speakUnavailable]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey || e.code !== 'KeyS') return;
      e.preventDefault();
      e.stopPropagation();
      if (unavailableRef.current) setWhy(unavailableRef.current);
      else toggle.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  const q = state.currentQuestion;
  const hintCount = q?.hintCount ?? 0;
  const hintsUsed = q?.hintsUsed ?? 0;
  const exhausted = state.hintsRemaining === 0;
  const canSend = draft.trim().length > 0 && busy === null;

  // Grows with the text up to a limit, then scrolls.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_ROWS_PX)}px`;
  }, [draft]);

  const submit = async () => {
    if (!canSend) return;
    const text = draft;
    const said = spoken ?? undefined;
    setSpoken(null);
    setDraft('');
    const accepted = await onSend(text, said);
    if (!accepted && said) setSpoken(said);
    // Nothing typed is lost: a refused answer comes back into the box (unless something new was typed).
    if (!accepted) setDraft((current) => current || text);
    box.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  };

  const hintTitle = !q
    ? 'No question is open'
    : hintCount === 0
      ? 'This question has no hints'
      : exhausted
        ? `All ${hintCount} hints for this question are used`
        : `Hint ${hintsUsed + 1} of ${hintCount}: each one is more specific than the last`;

  return (
    <form
      className="iv-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="visually-hidden" htmlFor="iv-answer">
        Your answer
      </label>
      <textarea
        id="iv-answer"
        ref={box}
        rows={2}
        value={draft}
        placeholder="Type your answer… (Enter sends, Shift+Enter adds a line)"
        onChange={(e) => {
          if (!e.target.value.trim()) setSpoken(null);
          setDraft(e.target.value);
        }}
        onKeyDown={onKeyDown}
        maxLength={20_000}
        data-testid="answer-box"
      />
      {note && (
        <p className="iv-speak-note" role="status" data-testid="speak-note">
          <Icon name="mic" size={14} />
          <span>{note}</span>
          <button
            type="button"
            className="icon-btn"
            aria-label="Dismiss"
            onClick={() => {
              setWhy(null);
              dictation.dismiss();
            }}
          >
            <Icon name="x" size={12} />
          </button>
        </p>
      )}
      <div className="iv-composer-bar">
        <button
          type="button"
          className="btn btn-small iv-hint-btn"
          onClick={onHint}
          disabled={busy !== null || exhausted || !q}
          title={hintTitle}
          data-testid="hint-button"
        >
          <Icon name="bulb" size={14} /> Hint{' '}
          <span className="iv-hint-count">
            {hintsUsed}/{hintCount}
          </span>
          <span className="visually-hidden">{exhausted ? ' (none left)' : ` (the next is level ${hintsUsed + 1} of ${hintCount})`}</span>
        </button>
        <SpeakButton dictation={dictation} unavailable={speakUnavailable} busy={busy !== null} onWhy={() => setWhy(speakUnavailable)} />
        <span className="iv-composer-help">
          <kbd>Enter</kbd> sends · <kbd>{SPEAK_SHORTCUT}</kbd> speak
        </span>
        <button type="submit" className="btn btn-primary btn-small" disabled={!canSend}>
          {busy === 'answer' ? <span className="spinner" aria-hidden="true" /> : <Icon name="send" size={14} />} Send
        </button>
      </div>
    </form>
  );
}

interface SpeakProps {
  dictation: DictationController;
  unavailable: string | null;
  busy: boolean;
  onWhy: () => void;
}

function SpeakButton({ dictation, unavailable, busy, onWhy }: SpeakProps) {
  const { phase } = dictation;
  const listening = phase === 'listening';
  const working = phase === 'starting' || phase === 'transcribing';
  const title = unavailable ?? (listening ? `Stop and transcribe (${SPEAK_SHORTCUT})` : `Answer out loud (${SPEAK_SHORTCUT})`);
  return (
    <span className="iv-speak">
      <button
        type="button"
        className={`btn btn-small iv-speak-btn${listening ? ' iv-speak-live' : ''}${unavailable !== null && !listening ? ' iv-speak-off' : ''}`}
        onClick={unavailable !== null && !listening ? onWhy : dictation.toggle}
        disabled={working || (busy && !listening)}
        aria-pressed={listening}
        title={title}
        // Unavailable, it stays pressable: pressing it says why (a disabled button could not).
        aria-label={
          listening ? 'Stop speaking and transcribe' : unavailable !== null ? 'Speak (unavailable: press to see why)' : 'Speak your answer'
        }
        data-testid="speak-button"
      >
        {working ? <span className="spinner" aria-hidden="true" /> : <Icon name={listening ? 'stop' : 'mic'} size={14} />}
        {listening ? 'Done' : phase === 'transcribing' ? 'Transcribing…' : 'Speak'}
      </button>
      {listening && (
        <span className="iv-speak-meter" data-testid="speak-meter">
          <LevelMeter analyser={dictation.analyser} />
        </span>
      )}
    </span>
  );
}
