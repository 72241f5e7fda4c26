export function Brand() {
  return (
    <a href="/" className="brand">
      <span className="brand-mark" aria-hidden />
      CLC+ Backbone
    </a>
  );
}
