/**
 * Import resolver for eslint-plugin-boundaries (eslint-module-utils' resolver interface, version 2): the `~/` alias
 * of tsconfig.json is the repository root, then Node's resolution with TypeScript's extensions. Without it an
 * aliased import would be unresolved, and the boundary rule would not see which layer it points to.
 */
const path = require('node:path');
const node = require('eslint-import-resolver-node');

const ROOT = path.resolve(__dirname, '..');
const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.node'];

exports.interfaceVersion = 2;

exports.resolve = (source, file, config) => {
  const target = source.startsWith('~/') ? path.join(ROOT, source.slice(2)) : source;
  return node.resolve(target, file, { extensions: EXTENSIONS, ...config });
};
