'use client';
/** Shows a freshly generated secret once, with a copy button, until dismissed. */
export function SecretOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  return (
    <div className="secret card" role="alert" data-testid="secret-once">
      <p>
        <strong>{label}</strong> — shown only now; it cannot be displayed again.
      </p>
      <code data-testid="secret-value">{value}</code>
      <div className="row">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(value)}>
          Copy
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </div>
  );
}
