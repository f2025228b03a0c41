import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatExample } from './model';

/** The tokenizer of the GPT-4o family, which OpenAI fine-tunes; counted offline. */
export const TOKENIZER = 'o200k_base';
/** A fine-tuning example longer than this is cut by OpenAI; the export warns about it. */
export const DEFAULT_CONTEXT_TOKENS = 65_536;

export const countTokens = (text: string) => encode(text).length;

/** Tokens of a chat example as OpenAI counts a conversation: each message costs its content plus a few. */
export function chatTokens(example: ChatExample): number {
  let n = 3;
  for (const m of example.messages) n += 3 + countTokens(m.role) + countTokens(m.content);
  return n;
}
