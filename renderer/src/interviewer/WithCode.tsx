import { Fragment } from 'react';

/** Text with `inline code` in backticks shown as code (questions are written that way); no HTML is injected. */
export function WithCode({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/(`[^`\n]+`)/)
        .map((part, i) =>
          part.length > 2 && part.startsWith('`') && part.endsWith('`') ? (
            <code key={i}>{part.slice(1, -1)}</code>
          ) : (
            <Fragment key={i}>{part}</Fragment>
          ),
        )}
    </>
  );
}
