/**
 * The conformance classes of OGC API – Processes – Part 1: Core 1.0 this server claims (`GET /ogc/conformance`).
 * docs/ogc.md maps every abstract test of these classes to the test that covers it; html is not claimed (JSON only).
 */
const CONF = 'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/';

export const CONFORMANCE_CLASSES = ['core', 'ogc-process-description', 'json', 'oas30', 'job-list', 'dismiss', 'callback'].map(
  (c) => `${CONF}${c}`,
);

export const getConformance = () => ({ conformsTo: CONFORMANCE_CLASSES });
