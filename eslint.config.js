import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import drizzle from 'eslint-plugin-drizzle';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The layers (docs/architecture.md#layers): app (web transports) → server (services) → db (schema, client);
// jobs (worker transport) → server, and jobs runs dags; dags (workflow definitions) → server. Nothing imports app;
// server never imports jobs or dags; db imports only db and the configuration module (server/env.js). scripts,
// bench, test and playwright may import any layer but app. A test colocated in a layer follows its layer's rule,
// plus the helpers in test/. dependency-cruiser (.dependency-cruiser.cjs, npm run lint:deps) checks the same
// rules on the whole graph, and what the web process can reach.
const LAYER = {
  // The seed is a script kept beside the schema: it fills reference data through services (password hashing,
  // nation boundaries, the DAGs' parameter schemas), so it sits above server like scripts/.
  seed: 'db/seed/**',
  app: 'app/**',
  server: 'server/**',
  db: 'db/**',
  jobs: 'jobs/**',
  dags: 'dags/**',
  tooling: '{scripts,bench,test,playwright}/**',
};
const layer = (type) => ({ to: { element: { type } } });
const TESTS = '**/*.test.ts';
const CONFIG = 'server/env.js';
const boundaryRules = [
  // Nothing imports the web transports but themselves.
  { disallow: layer('app') },
  { from: { element: { type: 'app' } }, allow: layer('app') },
  { from: { element: { type: 'app' } }, disallow: [layer('db'), layer('jobs'), layer('dags'), layer('tooling')] },
  // The web process does not load GDAL (a native addon with its own threads; the worker does the geodata work).
  // Direct imports only: dependency-cruiser checks what app/ reaches through other modules.
  {
    from: { element: { type: 'app' } },
    disallow: [
      { to: { module: { source: 'gdal-async' } } },
      { to: { element: { type: 'server' }, file: { path: 'server/geo/gdal.ts' } } },
    ],
    message: "the web process must not load GDAL ('{{dependency.source}}'): see the layers in docs/architecture.md",
  },
  { from: { element: { type: 'server' } }, disallow: [layer('jobs'), layer('dags'), layer('tooling')] },
  { from: { element: { type: 'db' } }, disallow: [layer('server'), layer('jobs'), layer('dags'), layer('tooling')] },
  { from: { element: { type: 'db' } }, allow: { to: { element: { type: 'server' }, file: { path: CONFIG } } } },
  // Workflow definitions call services; the database's type is part of the services they are given, no queries.
  { from: { element: { type: 'dags' } }, disallow: [layer('db'), layer('jobs'), layer('tooling')] },
  { from: { element: { type: 'dags' } }, allow: { ...layer('db'), dependency: { kind: 'type' } } },
  { from: { element: { type: 'jobs' } }, disallow: layer('tooling') },
  { from: { element: { type: 'seed' } }, disallow: [layer('jobs'), layer('tooling')] },
  // Colocated tests may use the test helpers, and read the tables to check what was stored.
  { from: { element: { type: '{server,db,seed,jobs,dags}' }, file: { path: TESTS } }, allow: layer('tooling') },
  { from: { element: { type: 'dags' }, file: { path: TESTS } }, allow: layer('db') },
  // The endpoint tests (test/endpoints/, one file per endpoint) call the route handlers themselves.
  {
    from: { element: { type: 'tooling' }, file: { path: ['test/endpoint.ts', 'test/endpoints/**'] } },
    allow: { to: { element: { type: 'app' }, file: { path: 'app/**/route.ts' } } },
  },
];

export default defineConfig(
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'db/migrations/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      // An update or delete without a where clause touches every row: never by accident.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Configuration is read and validated once, in server/env.js.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Import `env` from server/env.js instead of reading process.env.' },
      ],
    },
  },
  {
    plugins: { boundaries },
    settings: {
      'boundaries/elements': Object.entries(LAYER).map(([type, pattern]) => ({ type, pattern, partialMatch: false })),
      'boundaries/include': ['{app,server,db,jobs,dags,scripts,bench,test,playwright}/**/*'],
      // `~/` is the repository root (tsconfig.json paths): resolved like relative imports, so both are checked.
      'import/resolver': { './scripts/eslint-resolver.cjs': {} },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          // Also external modules (gdal-async), not only the project's files.
          checkAllOrigins: true,
          message: "{{from.type}} must not import {{to.type}} ('{{dependency.source}}'): see the layers in docs/architecture.md",
          policies: boundaryRules,
        },
      ],
    },
  },
  {
    // Type-aware rules (the TypeScript project service: one program for the repository, as tsc sees it).
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection) and its ordering: await it, or mark a
      // deliberate fire-and-forget with `void` where its errors are handled.
      '@typescript-eslint/no-floating-promises': 'error',
      // Array#sort without a comparator compares strings: numbers (epoch milliseconds, sizes) sort wrongly.
      '@typescript-eslint/require-array-sort-compare': ['error', { ignoreStringArrays: true }],
      // An async function where a void callback is expected: its rejection is lost (event handlers, forEach).
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  { files: ['**/*.tsx'], ...reactHooks.configs.flat.recommended },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The config module itself, and launchers that forward the environment to child processes.
    files: ['server/env.js', 'scripts/**', 'bench/**', 'test/spawn.ts', 'server/env.test.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
