'use client';
import { useState } from 'react';
import { api } from '~/app/_trpc/react';
import { FormError } from '~/app/_components/form-error';
import { SecretOnce } from '~/app/_components/secret-once';

export function ClientsAdmin() {
  const utils = api.useUtils();
  const clients = api.clients.list.useQuery();
  const scopes = api.clients.scopes.useQuery();
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = { onSuccess: () => utils.clients.list.invalidate(), onError: (e: { message: string }) => setError(e.message) };
  const create = api.clients.create.useMutation({
    ...done,
    onSuccess: (r) => {
      setSecret({ label: `Secret of client ${r.client.clientId}`, value: r.clientSecret });
      void utils.clients.list.invalidate();
    },
  });
  const setDisabled = api.clients.setDisabled.useMutation(done);
  const rotate = api.clients.rotateSecret.useMutation({
    ...done,
    onSuccess: (r) => {
      setSecret({ label: `New secret (the old one works until ${r.previousExpireAt.toLocaleString()})`, value: r.clientSecret });
      void utils.clients.list.invalidate();
    },
  });

  return (
    <div className="stack">
      {secret ? <SecretOnce label={secret.label} value={secret.value} onDone={() => setSecret(null)} /> : null}
      <FormError message={error} />
      <form
        className="form card inline"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          const f = new FormData(e.currentTarget);
          const email = String(f.get('email') || '');
          const name = String(f.get('name'));
          create.mutate({
            name,
            scopes: f.getAll('scope').map(String),
            customer: { name: String(f.get('customer') || name), ...(email ? { email } : {}) },
          });
          e.currentTarget.reset();
        }}
      >
        <h2>New API client</h2>
        <label>
          Client name <input name="name" required />
        </label>
        <label>
          Customer <input name="customer" placeholder="defaults to the client name" />
        </label>
        <label>
          Customer e-mail <input name="email" type="email" />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {scopes.data?.map((s) => (
            <label key={s.name} className="check" title={s.description}>
              <input type="checkbox" name="scope" value={s.name} defaultChecked={s.name === 'user'} /> {s.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending}>
          Create client
        </button>
      </form>
      <table>
        <thead>
          <tr>
            <th>Client id</th>
            <th>Name</th>
            <th>Customer</th>
            <th>Scopes</th>
            <th>Secrets</th>
            <th>Last token</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {clients.data?.map((c) => (
            <tr key={c.id} data-testid={`client-${c.clientId}`} className={c.disabled ? 'dim' : ''}>
              <td>
                <code>{c.clientId}</code>
                {c.disabled ? <span className="role-badge">disabled</span> : null}
              </td>
              <td>{c.name}</td>
              <td>{c.customerName}</td>
              <td>{c.scopes.join(' ')}</td>
              <td className="small">
                {c.secrets.map((s) => (
                  <div key={s.id}>
                    <code>{s.hint}…</code> {s.expiresAt ? `until ${s.expiresAt.toLocaleString()}` : ''}
                  </div>
                ))}
                {c.keys.length ? <div>{c.keys.length} key(s)</div> : null}
              </td>
              <td>{c.lastTokenAt ? c.lastTokenAt.toLocaleString() : 'never'}</td>
              <td className="row">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setDisabled.mutate({ clientId: c.clientId, disabled: !c.disabled })}
                >
                  {c.disabled ? 'Enable' : 'Disable'}
                </button>
                <button type="button" className="secondary" onClick={() => rotate.mutate({ clientId: c.clientId })}>
                  Rotate secret
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
