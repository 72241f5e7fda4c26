import { UsersAdmin } from './users-admin';

export const metadata = { title: 'Users' };

export default function UsersPage() {
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        People who sign in to this console. Viewers and operators see status (the operators’ service and task screens are still to
        come); admins manage users, API clients and see the audit log.
      </p>
      <UsersAdmin />
    </>
  );
}
