'use client';
/** Live system status: dependencies, workers and queues, polled through tRPC. */
import { api } from '../_trpc/react';

const REFRESH_MS = 2_000;

function Dot({ ok }: { ok: boolean }) {
  return <span className={`dot ${ok ? 'dot-ok' : 'dot-bad'}`} aria-hidden />;
}

function since(iso: string) {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}

export function SystemStatusPanel() {
  const status = api.system.status.useQuery(undefined, { refetchInterval: REFRESH_MS });

  if (status.isPending) return <p aria-busy="true">Checking…</p>;
  if (status.isError && !status.data) {
    return (
      <p role="alert" className="error">
        The console cannot reach its server: {status.error.message}
      </p>
    );
  }
  const s = status.data;
  const deps = [
    { key: 'postgresql', name: 'PostgreSQL', ...s.dependencies.postgresql },
    { key: 'postgis', name: 'PostGIS', ...s.dependencies.postgis },
    { key: 'redis', name: 'Redis', ...s.dependencies.redis },
  ];

  return (
    <div className="stack">
      <section aria-label="Dependencies" className="cards">
        {deps.map((d) => (
          <article key={d.key} className={`card ${d.ok ? '' : 'card-bad'}`} data-testid={`dep-${d.key}`}>
            <h2>
              <Dot ok={d.ok} /> {d.name}
            </h2>
            <p className="state">{d.ok ? 'ok' : 'unavailable'}</p>
            <p className="muted small">
              {d.detail} · {d.latencyMs} ms
            </p>
          </article>
        ))}
        <article className={`card ${s.workers.length ? '' : 'card-bad'}`} data-testid="dep-workers">
          <h2>
            <Dot ok={s.workers.length > 0} /> Workers
          </h2>
          <p className="state">{s.workers.length ? `${s.workers.length} online` : 'none online'}</p>
          <p className="muted small">{s.gdal ? `GDAL ${s.gdal.version}` : 'GDAL: no worker reports it'}</p>
        </article>
      </section>

      <section aria-label="Queues">
        <h2>Queues</h2>
        {s.queues ? (
          <table>
            <thead>
              <tr>
                <th>Queue</th>
                <th>Purpose</th>
                <th className="num">Waiting</th>
                <th className="num">Active</th>
                <th className="num">Delayed</th>
                <th className="num">Failed</th>
                <th className="num">Completed</th>
              </tr>
            </thead>
            <tbody>
              {s.queues.map((q) => (
                <tr key={q.name} data-testid={`queue-${q.name}`}>
                  <td>
                    <code>{q.name}</code>
                  </td>
                  <td className="muted">{q.description}</td>
                  <td className="num">{q.waiting}</td>
                  <td className="num">{q.active}</td>
                  <td className="num">{q.delayed}</td>
                  <td className={`num ${q.failed ? 'warn' : ''}`}>{q.failed}</td>
                  <td className="num">{q.completed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Queue depths are unavailable while Redis is down.</p>
        )}
      </section>

      <section aria-label="Workers">
        <h2>Workers</h2>
        {s.workers.length ? (
          <table>
            <thead>
              <tr>
                <th>Worker</th>
                <th>Queues</th>
                <th>Up for</th>
                <th className="num">Running</th>
                <th className="num">Jobs done</th>
                <th className="num">Jobs failed</th>
              </tr>
            </thead>
            <tbody>
              {s.workers.map((w) => (
                <tr key={w.id}>
                  <td>
                    <code>{w.id}</code>
                  </td>
                  <td>{w.queues.join(', ')}</td>
                  <td>{since(w.startedAt)}</td>
                  <td className="num">{w.running}</td>
                  <td className="num">{w.jobsDone}</td>
                  <td className="num">{w.jobsFailed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">
            No worker has reported in the last 15 seconds. Start one with <code>npm run worker</code>.
          </p>
        )}
      </section>
      <p className="muted small" data-testid="checked-at">
        Checked {s.checkedAt.toLocaleTimeString()} {status.isFetching ? '· refreshing' : ''}
      </p>
    </div>
  );
}
