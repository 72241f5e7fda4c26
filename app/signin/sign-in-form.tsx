'use client';
import { useActionState } from 'react';
import { FormError } from '../_components/form-error';
import { signInAction, type SignInState } from './actions';

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="form card">
      <input type="hidden" name="next" value={next} />
      <label>
        E-mail
        <input name="email" type="email" autoComplete="username" required autoFocus defaultValue={state.email} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <FormError message={state.error} />
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
