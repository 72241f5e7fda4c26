import { SystemStatusPanel } from '../_components/system-status';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  return (
    <>
      <h1>System status</h1>
      <p className="muted">Live state of the services this installation depends on, refreshed every two seconds.</p>
      <SystemStatusPanel />
    </>
  );
}
