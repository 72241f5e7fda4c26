export function AccessDenied({ role }: { role: string }) {
  return (
    <section role="alert" className="denied">
      <h1>Access denied</h1>
      <p>This page needs the {role} role. Ask an administrator if you need it.</p>
    </section>
  );
}
