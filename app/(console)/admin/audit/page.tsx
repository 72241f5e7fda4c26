import { listAuditEvents } from '~/server/audit/list-audit-events';
import { getAppDeps } from '~/server/deps';

export const metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ action?: string }> }) {
  const { action } = await searchParams;
  const { db } = await getAppDeps();
  const filter = action && /^[a-z0-9_.]{1,64}$/.test(action) ? action : undefined;
  const events = await listAuditEvents(db, { action: filter, limit: 200 });
  return (
    <>
      <h1>Audit log</h1>
      <form className="row" method="get">
        <label>
          Action starts with <input name="action" defaultValue={filter ?? ''} placeholder="e.g. signin. or token." />
        </label>
        <button type="submit">Filter</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>Time</th>
            <th>Action</th>
            <th>Actor</th>
            <th>Target</th>
            <th>IP</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td>{e.at.toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.actorType} {e.actorId}
              </td>
              <td>{e.targetId ? `${e.targetType} ${e.targetId}` : ''}</td>
              <td>{e.ip}</td>
              <td className="small details">{e.details ? JSON.stringify(e.details) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
