'use client';
import { useState } from 'react';
import { api } from '~/app/_trpc/react';
import { FormError } from '~/app/_components/form-error';
import { SecretOnce } from '~/app/_components/secret-once';

const ROLES = ['viewer', 'operator', 'admin'] as const;

export function UsersAdmin() {
  const utils = api.useUtils();
  const users = api.users.list.useQuery();
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = { onSuccess: () => utils.users.list.invalidate(), onError: (e: { message: string }) => setError(e.message) };
  const create = api.users.create.useMutation({
    ...done,
    onSuccess: (r) => {
      setSecret({ label: `Password of ${r.user.email}`, value: r.password });
      void utils.users.list.invalidate();
    },
  });
  const setRole = api.users.setRole.useMutation(done);
  const setDisabled = api.users.setDisabled.useMutation(done);
  const reset = api.users.resetPassword.useMutation({
    ...done,
    onSuccess: (r) => setSecret({ label: 'New password', value: r.password }),
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
          create.mutate({
            email: String(f.get('email')),
            role: f.get('role') as (typeof ROLES)[number],
            name: String(f.get('name') || '') || undefined,
          });
          e.currentTarget.reset();
        }}
      >
        <h2>Add a user</h2>
        <label>
          E-mail <input name="email" type="email" required />
        </label>
        <label>
          Name <input name="name" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Add user
        </button>
      </form>
      <table>
        <thead>
          <tr>
            <th>E-mail</th>
            <th>Name</th>
            <th>Role</th>
            <th>Last sign-in</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id} data-testid={`user-${u.email}`}>
              <td>{u.email}</td>
              <td>{u.name}</td>
              <td>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  onChange={(e) => setRole.mutate({ userId: u.id, role: e.target.value as (typeof ROLES)[number] })}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>{u.lastSignInAt ? u.lastSignInAt.toLocaleString() : 'never'}</td>
              <td>{u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active'}</td>
              <td className="row">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setDisabled.mutate({ userId: u.id, disabled: !u.disabled })}
                >
                  {u.disabled ? 'Enable' : 'Disable'}
                </button>
                <button type="button" className="secondary" onClick={() => reset.mutate({ userId: u.id })}>
                  Reset password
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
