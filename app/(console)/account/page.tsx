import { getConsoleUser } from '~/server/auth/console-user';
import { PasswordForm } from './password-form';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = (await getConsoleUser())!;
  return (
    <div className="narrow">
      <h1>Your account</h1>
      <p>
        {user.email} · role <strong>{user.role}</strong>
      </p>
      <h2>Password</h2>
      <PasswordForm />
    </div>
  );
}
