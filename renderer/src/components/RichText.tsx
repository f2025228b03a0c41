import { Fragment } from 'react';

/**
 * A question's prose: paragraphs split on blank lines, `inline code` in backticks. Built from React
 * elements only, so no HTML from the bank (or a generated question) is ever injected.
 */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((para, i) => (
        <p key={i}>
          {para
            .split(/(`[^`]+`)/)
            .map((part, j) =>
              part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
                <code key={j}>{part.slice(1, -1)}</code>
              ) : (
                <Fragment key={j}>{part}</Fragment>
              ),
            )}
        </p>
      ))}
    </>
  );
}
