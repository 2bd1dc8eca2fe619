/** Free text of a printed document: one paragraph per blank-line-separated block; « Non renseigné. » when empty. */
export function Paragraphs({ text }: { text: string | null }) {
  if (!text) return <p className="doc-text doc-muted">Non renseigné.</p>;
  return (
    <>
      {text
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} className="doc-text">
            {p}
          </p>
        ))}
    </>
  );
}
