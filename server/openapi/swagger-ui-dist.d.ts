/** swagger-ui-dist ships no types; the web reads its files from its folder (server/openapi/docs-page.ts). */
declare module 'swagger-ui-dist/absolute-path.js' {
  /** The package's folder on disk. */
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
