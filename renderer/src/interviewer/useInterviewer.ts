import { useCallback, useEffect, useRef, useState } from 'react';
import type { InterviewerState, TurnKind, TurnView } from '../../../shared/interviewer/model';
import { api, errorMessage, unwrap } from '../api';

/** A reply the model is still streaming: the words so far. */
export interface StreamingReply {
  requestId: string;
  text: string;
}

/** The candidate's message between Send and the stored turn coming back. */
export interface PendingAnswer {
  requestId: string;
  text: string;
}

export interface InterviewerController {
  state: InterviewerState | null;
  turns: TurnView[];
  pending: PendingAnswer | null;
  streaming: StreamingReply | null;
  busy: 'answer' | 'hint' | null;
  /** Why the interviewer could not start (the panel offers Retry). */
  loadError: string | null;
  /** The last failed action, shown above the composer until the next one. */
  actionError: string | null;
  /** Sends an answer; resolves false when it was not accepted (the text should stay in the composer). */
  send(text: string, spoken?: SpokenAnswer): Promise<boolean>;
  hint(): Promise<void>;
  retry(): void;
  dismissError(): void;
}

/** When a spoken answer was said, and how long its transcription took. */
export interface SpokenAnswer {
  startMs: number;
  endMs: number;
  transcriptionMs: number;
}

/** What the voice hears of the conversation: a reply as it streams, and each interviewer turn once stored. */
export interface ConversationListener {
  onReplyStart(kind: TurnKind | null): void;
  onReplyToken(delta: string, reset: boolean): void;
  /** `streamed`: the turn is the end of the reply whose tokens came before it. */
  onInterviewerTurn(turn: TurnView, streamed: boolean): void;
}

function newRequestId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The interviewer's side of the room: begins the interview once the room has a clock (begin is
 * idempotent, so a reload gets the same conversation back), sends answers, asks for hints, and
 * collects `interviewer:token` events of the reply in flight so it appears word by word.
 */
export function useInterviewer(
  sessionId: string,
  ready: boolean,
  clock: () => number,
  listener?: ConversationListener,
): InterviewerController {
  const [state, setState] = useState<InterviewerState | null>(null);
  const [turns, setTurns] = useState<TurnView[]>([]);
  const [pending, setPending] = useState<PendingAnswer | null>(null);
  const [streaming, setStreaming] = useState<StreamingReply | null>(null);
  const [busy, setBusy] = useState<'answer' | 'hint' | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  /** The request whose tokens are wanted; tokens of anything else (an older reply) are ignored. */
  const inFlight = useRef<string | null>(null);
  /** Whether the reply in flight has started streaming (its first token came). */
  const replyStarted = useRef(false);
  const listen = useRef(listener);
  useEffect(() => {
    listen.current = listener;
  }, [listener]);

  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    unwrap(api.interviewer.begin({ sessionId, offsetMs: clock() })).then(
      (begun) => {
        if (cancelled) return;
        setState(begun.state);
        setTurns(begun.turns);
        // A fresh interview's opening is spoken; a reload does not repeat what was said before it.
        const opening = begun.turns.length === 1 ? begun.turns[0] : undefined;
        if (opening?.role === 'interviewer') listen.current?.onInterviewerTurn(opening, false);
      },
      (err: unknown) => !cancelled && setLoadError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId, ready, clock, attempt]);

  useEffect(
    () =>
      api.interviewer.onToken((token) => {
        if (token.sessionId !== sessionId || token.requestId !== inFlight.current) return;
        if (!replyStarted.current) {
          replyStarted.current = true;
          listen.current?.onReplyStart(token.kind ?? null);
        }
        listen.current?.onReplyToken(token.delta, token.reset);
        setStreaming((current) => {
          const base = token.reset || current?.requestId !== token.requestId ? '' : current.text;
          return { requestId: token.requestId, text: base + token.delta };
        });
      }),
    [sessionId],
  );

  const send = useCallback(
    async (raw: string, spoken?: SpokenAnswer): Promise<boolean> => {
      const text = raw.trim();
      if (!text || busy || state?.status === 'ended') return false;
      const requestId = newRequestId();
      inFlight.current = requestId;
      replyStarted.current = false;
      setBusy('answer');
      setActionError(null);
      setPending({ requestId, text });
      setStreaming(null);
      try {
        const outcome = await unwrap(
          api.interviewer.answer({ sessionId, text, offsetMs: clock(), requestId, ...(spoken ? { spoken } : {}) }),
        );
        setTurns((list) => [...list, outcome.answer, outcome.reply]);
        listen.current?.onInterviewerTurn(outcome.reply, replyStarted.current);
        setState(outcome.state);
        return true;
      } catch (err) {
        setActionError(`Your answer was not sent: ${errorMessage(err)}`);
        return false;
      } finally {
        inFlight.current = null;
        setPending(null);
        setStreaming(null);
        setBusy(null);
      }
    },
    [busy, clock, sessionId, state?.status],
  );

  const hint = useCallback(async () => {
    if (busy || !state || state.hintsRemaining === 0 || state.status === 'ended') return;
    setBusy('hint');
    setActionError(null);
    try {
      const given = await unwrap(api.interviewer.hint({ sessionId, offsetMs: clock() }));
      setTurns((list) => [...list, given.turn]);
      listen.current?.onInterviewerTurn(given.turn, false);
      setState(given.state);
    } catch (err) {
      setActionError(`No hint: ${errorMessage(err)}`);
    } finally {
      setBusy(null);
    }
  }, [busy, clock, sessionId, state]);

  return {
    state,
    turns,
    pending,
    streaming,
    busy,
    loadError,
    actionError,
    send,
    hint,
    retry: () => {
      setLoadError(null);
      setAttempt((n) => n + 1);
    },
    dismissError: () => setActionError(null),
  };
}
