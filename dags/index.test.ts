/**
 * The catalogue and the embedded engine agree: every embedded service names a workflow of dags/ (a typo would be
 * accepted by the API and end INVALID in the worker), and every workflow serves a service of the catalogue.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '~/server/services/catalogue';
import { DAGS } from './index';

const embedded = CATALOGUE.flatMap((s) => (s.engine.kind === 'embedded' ? [[s.name, s.engine.dagId] as const] : []));

describe('DAGS', () => {
  it('has the workflow of every embedded service', () => {
    expect(embedded.length).toBeGreaterThan(0);
    expect(embedded.filter(([, dagId]) => !Object.hasOwn(DAGS, dagId))).toEqual([]);
  });

  it('runs no workflow the catalogue does not offer, and each under its file name', () => {
    const offered = new Set(embedded.map(([, dagId]) => dagId));
    expect(Object.keys(DAGS).filter((id) => !offered.has(id))).toEqual([]);
    for (const [id, dag] of Object.entries(DAGS)) expect(dag.id).toBe(id);
  });
});
