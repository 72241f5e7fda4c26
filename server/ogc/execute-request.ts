/**
 * The execute request (execute.yaml of OGC API – Processes 1.0) with zod: `inputs` by id, `outputs` to return,
 * `response` (`document`, the default, or `raw`: the one output itself, a member of the 1.0 drafts that clients still
 * send), and `subscriber` (conformance class callback: absolute http(s) URLs, checked like a webhook's). Unknown
 * members are refused, so a typo (`input`) is an error naming it. `readInputs` turns the OGC value forms into the
 * body the service validates: a qualified value `{value, mediaType}` is its value, a bbox object `{bbox, crs}` in
 * CRS84 the `[minLon, minLat, maxLon, maxLat]` the AOI takes; a value by reference (a link) is refused (docs/ogc.md).
 */
import { z } from 'zod';
import { webhookUrl } from '../notifications/webhook-url';
import { invalidParameter } from './exceptions';

const CRS84 = ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'http://www.opengis.net/def/crs/OGC/0/CRS84h'];

export const executeRequest = z
  .object({
    inputs: z.record(z.string().min(1).max(64), z.unknown(), { error: 'an object of input id → value' }).default({}),
    outputs: z
      .record(
        z.string().min(1).max(64),
        z
          .object({
            format: z
              .object({ mediaType: z.string().max(128).optional(), encoding: z.string().max(64).optional(), schema: z.unknown() })
              .partial()
              .strict()
              .optional(),
            transmissionMode: z.enum(['value', 'reference']).optional(),
          })
          .strict(),
      )
      .optional(),
    response: z.enum(['document', 'raw']).optional(),
    subscriber: z
      .object({ successUri: webhookUrl.optional(), inProgressUri: webhookUrl.optional(), failedUri: webhookUrl.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ExecuteRequest = z.infer<typeof executeRequest>;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const only = (o: Record<string, unknown>, keys: string[]) => Object.keys(o).every((k) => keys.includes(k));

function readValue(id: string, v: unknown): unknown {
  if (!isObject(v)) return v;
  if ('href' in v && only(v, ['href', 'rel', 'type', 'hreflang', 'title'])) {
    throw invalidParameter(`inputs.${id}: values by reference (a link) are not supported; send the value in-line`);
  }
  if ('value' in v && only(v, ['value', 'mediaType', 'encoding', 'schema'])) return v.value;
  if (Array.isArray(v.bbox) && only(v, ['bbox', 'crs'])) {
    if (v.crs !== undefined && !CRS84.includes(String(v.crs))) {
      throw invalidParameter(`inputs.${id}.crs: only CRS84 (${CRS84[0]})`);
    }
    if (v.bbox.length !== 4) throw invalidParameter(`inputs.${id}.bbox: four numbers [minLon, minLat, maxLon, maxLat]`);
    return v.bbox;
  }
  return v;
}

/** The service's body from the execute request's inputs: only described inputs, each in its plain form. */
export function readInputs(processId: string, described: readonly string[], inputs: Record<string, unknown>) {
  const body: Record<string, unknown> = {};
  for (const [id, v] of Object.entries(inputs)) {
    if (!described.includes(id)) {
      throw invalidParameter(`inputs.${id}: not an input of ${processId} (its inputs: ${described.join(', ')})`);
    }
    body[id] = readValue(id, v);
  }
  return body;
}

/** The `outputs` member against the process's one output: its id, media type and transmission mode. */
export function checkOutputs(
  outputs: ExecuteRequest['outputs'],
  output: { id: string; mediaType: string; transmission: 'value' | 'reference' },
) {
  for (const [id, o] of Object.entries(outputs ?? {})) {
    if (id !== output.id) throw invalidParameter(`outputs.${id}: not an output of this process (its output: ${output.id})`);
    const type = o.format?.mediaType;
    if (type !== undefined && type.toLowerCase() !== output.mediaType) {
      throw invalidParameter(`outputs.${id}.format.mediaType: ${output.id} is ${output.mediaType}`);
    }
    if (o.transmissionMode !== undefined && o.transmissionMode !== output.transmission) {
      throw invalidParameter(`outputs.${id}.transmissionMode: ${output.id} is sent by ${output.transmission}`);
    }
  }
}

/**
 * The `Prefer` header (RFC 7240): `respond-async`, and `wait` / `wait=<seconds>`; other preferences are ignored.
 * `respond-async` wins when both are sent.
 */
export function readPrefer(header: string | null): { async: boolean; wait: boolean; waitSeconds?: number } {
  const tokens = (header ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const wait = tokens.find((t) => t === 'wait' || t.startsWith('wait='));
  const seconds = wait?.startsWith('wait=') ? Number(wait.slice(5).replace(/"/g, '')) : undefined;
  return {
    async: tokens.includes('respond-async'),
    wait: wait !== undefined,
    ...(seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? { waitSeconds: seconds } : {}),
  };
}
