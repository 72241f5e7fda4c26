import { ClientsAdmin } from './clients-admin';

export const metadata = { title: 'API clients' };

export default function ClientsPage() {
  return (
    <>
      <h1>API clients</h1>
      <p className="muted">
        Applications that call the API get tokens at <code>/oauth/token</code> with their client id and secret (or a registered
        key). Secrets are shown once, stored hashed, and can be rotated with an overlap.
      </p>
      <ClientsAdmin />
    </>
  );
}
