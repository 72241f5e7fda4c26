'use client';
import { useActionState } from 'react';
import { FormError } from '~/app/_components/form-error';
import { changePasswordAction, type PasswordState } from './actions';

export function PasswordForm() {
  const [state, action, pending] = useActionState<PasswordState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="form card">
      <label>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" required />
      </label>
      <label>
        New password <span className="muted small">(at least 12 characters)</span>
        <input name="newPassword" type="password" autoComplete="new-password" minLength={12} required />
      </label>
      <label>
        New password again
        <input name="confirmPassword" type="password" autoComplete="new-password" minLength={12} required />
      </label>
      <FormError message={state.error} />
      {state.ok ? <p role="status">Your password has been changed.</p> : null}
      <button type="submit" disabled={pending}>
        Change password
      </button>
    </form>
  );
}
