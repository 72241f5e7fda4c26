/**
 * dependency-cruiser: the layers of docs/architecture.md#layers on the whole import graph, and what the web process
 * can reach. `npm run lint:deps` checks it; `npm run lint:deps -- --graph` also redraws docs/img/layers.{dot,svg}.
 * ESLint (eslint-plugin-boundaries, eslint.config.js) checks the same layer rules file by file while editing.
 *
 * app (web transports) → server (services) → db; jobs (worker transport) → server, dags; dags → server. Nothing
 * imports app; server never imports jobs or dags; db imports only db and server/env.js (the configuration leaf).
 * scripts, bench, test and playwright may import any layer but app. Tests colocated in a layer follow its rule, plus
 * the helpers in test/.
 */
const TOOLING = '^(scripts|bench|test|playwright)/';
const TESTS = '\\.test\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'nothing-imports-app',
      comment: 'app/ holds the web transports: nothing else may depend on them (the endpoint tests call route handlers).',
      severity: 'error',
      from: { pathNot: '^(app/|test/endpoint\\.ts$|test/endpoints/)' },
      to: { path: '^app/' },
    },
    {
      name: 'app-only-server',
      comment: 'The web transports call services (server/), never the database, the worker or the workflows directly.',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: `^(db|jobs|dags)/|${TOOLING}` },
    },
    {
      name: 'server-not-jobs-dags',
      comment: 'Services never depend on the worker or the workflow definitions.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(jobs|dags|scripts|bench|playwright)/' },
    },
    {
      name: 'db-only-db',
      comment: 'The schema and client depend on nothing but themselves and the configuration (server/env.js).',
      severity: 'error',
      from: { path: '^db/', pathNot: '^db/seed/' },
      to: { path: '^(server|jobs|dags|scripts|bench|playwright)/', pathNot: '^server/env\\.js$' },
    },
    {
      name: 'seed-not-worker',
      comment: 'The seed (db/seed/) fills reference data through services, like a script; it does not run the worker.',
      severity: 'error',
      from: { path: '^db/seed/' },
      to: { path: '^(jobs|scripts|bench|playwright)/' },
    },
    {
      name: 'dags-only-server',
      comment: 'Workflow definitions call services; the database only as a type (no queries), never the worker.',
      severity: 'error',
      from: { path: '^dags/', pathNot: TESTS },
      to: { path: '^(db|jobs|scripts|bench|test|playwright)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'dags-tests',
      comment: 'Tests of the workflows may read the tables and use the test helpers, not the worker.',
      severity: 'error',
      from: { path: `^dags/.*${TESTS}` },
      to: { path: '^(jobs|scripts|bench|playwright)/' },
    },
    {
      name: 'jobs-not-tooling',
      comment: 'The worker does not depend on scripts or tests.',
      severity: 'error',
      from: { path: '^jobs/' },
      to: { path: '^(scripts|bench|playwright)/' },
    },
    {
      name: 'test-helpers-only-from-tests',
      comment: 'Only tests use the test helpers (test/).',
      severity: 'error',
      from: { path: '^(app|server|db|jobs|dags)/', pathNot: TESTS },
      to: { path: '^test/' },
    },
    {
      name: 'web-without-gdal',
      comment:
        'Nothing the web process loads (app/) may reach GDAL: AOIs are projected with proj4 (server/geo/laea.ts), ' +
        'and the worker reports its GDAL build in its heartbeat.',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: '^(node_modules/gdal-async/|server/geo/gdal\\.ts$)', reachable: true },
    },
    {
      name: 'web-without-engine',
      comment: 'Nothing the web process loads (app/) may reach the worker or the workflow engine (jobs/, dags/).',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: '^(jobs|dags)/', reachable: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (a typo or a missing alias would hide a dependency from these rules).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count for the layers (a layer's types are part of it); they are erased at run time, so
    // `dependencyTypesNot: ['type-only']` is used where only what is loaded matters.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.data)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: {
      archi: { collapsePattern: '^(app|server/[^/]+|db|jobs|dags|scripts|bench|test|playwright)' },
    },
  },
};
