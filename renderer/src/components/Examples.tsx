/** A question's worked examples (input, output, optional explanation), as the room and the bank show them. */
export function Examples({ examples }: { examples: ReadonlyArray<{ input: string; output: string; explanation?: string }> }) {
  if (examples.length === 0) return null;
  return (
    <section>
      <h3>Examples</h3>
      {examples.map((ex, i) => (
        <div className="example" key={i}>
          <div>
            <span className="example-label">Input</span> <code>{ex.input}</code>
          </div>
          <div>
            <span className="example-label">Output</span> <code>{ex.output}</code>
          </div>
          {ex.explanation && <div className="example-note">{ex.explanation}</div>}
        </div>
      ))}
    </section>
  );
}
