/** The one way forms show what went wrong. */
export function FormError({ message }: { message: string | null | undefined }) {
  return message ? (
    <p role="alert" className="error">
      {message}
    </p>
  ) : null;
}
