/**
 * S15 vector class attribution (reference §2.8): the reference's body fields, with what it carried into shell commands
 * made safe. `vector` and `raster` name files GDAL opens (under SOURCE_ROOTS, checked when the order is accepted) or,
 * left out, the product store of `reference_year`; `config` (GDAL/AWS credentials in the reference) is refused:
 * credentials come from the worker's configuration only.
 */
import { z } from 'zod';

export const ATTRIBUTION_METHODS = ['relative_count', 'absolute_count', 'majority', 'area'] as const;

/** A list, or the reference's space-separated string (JSON Schema: either). */
const listOrWords = <T extends z.ZodType<string, string>>(item: T, list: (a: z.ZodArray<T>) => z.ZodArray<T>, split = /\s+/) =>
  z
    .union([z.string(), z.array(item)])
    .transform((v) => (typeof v === 'string' ? v.trim().split(split).filter(Boolean) : v))
    .pipe(list(z.array(item)));

/** "1 7", [1, 7] or "1,7": raster values. */
const valueList = z
  .union([z.string().regex(/^[\d\s,]*$/, 'raster values such as "1 7"'), z.array(z.number())])
  .transform((v) =>
    typeof v === 'string'
      ? v
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(Number)
      : v,
  )
  .pipe(
    z
      .array(z.number().int('whole raster values').min(0).max(255, 'raster values 0–255 (8-bit classes)'))
      .min(1, 'at least one raster value'),
  );

const method = z.enum(ATTRIBUTION_METHODS, { error: () => `one of ${ATTRIBUTION_METHODS.join(', ')}` });
const columnName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'column names: letters, digits, _');

export const vectorClassAttributionParams = z
  .object({
    subproduction_unit_name: z.string().min(1).max(64),
    /** Polygons: an OGR source (GeoPackage, shapefile, …; any CRS). Default: the vector product of the reference year. */
    vector: z.string().min(1).max(2048).optional(),
    /** 8-bit class rasters (space-separated, as the reference, or a list), mosaicked. Default: the raster product. */
    raster: listOrWords(z.string().min(1).max(2048), (a) => a.min(1, 'at least one raster').max(1000)).optional(),
    /** One or several of the methods, space-separated. */
    method: listOrWords(method, (a) => a.min(1, `one of ${ATTRIBUTION_METHODS.join(', ')}`)),
    /** The raster values reported (one column each); default: the CLC+ classes 1–11. */
    method_params: valueList.optional(),
    /** A raster value that is not counted (besides the raster's own no-data value). */
    na_value: z.number().int().min(0).max(255).optional(),
    /** Names of the value columns, one per reported value, space-separated; default `class_<value>`. */
    col_names: listOrWords(columnName, (a) => a).optional(),
    /** The attribute identifying a polygon; default `id` (store polygons are numbered `<unit>:<n>`). */
    id_column: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_ -]{0,62}$/, 'an attribute name')
      .default('id'),
    /** Compatibility: the reference copied the CSVs there; here it names the output files (letters, digits, _ - /). */
    bucket_path: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,200}$/, 'a relative name (letters, digits, _ - . /)')
      .refine((s) => !s.split('/').includes('..'), 'no .. segments')
      .optional(),
    /** "2018" or 2018. */
    reference_year: z
      .union([z.number(), z.string().regex(/^\d{4}$/, 'a year such as 2021')])
      .transform(Number)
      .pipe(z.number().int('a year such as 2021').min(2000).max(2100)),
    config: z
      .never({
        error: () =>
          'credentials are never accepted in a request; GDAL reads them from the worker’s configuration (docs/services.md)',
      })
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const values = p.method_params?.length;
    if (p.col_names && p.col_names.length !== (values ?? 11)) {
      ctx.addIssue({
        code: 'custom',
        path: ['col_names'],
        message: `${p.col_names.length} names for ${values ?? 11} reported values (${values ? 'method_params' : 'classes 1–11'})`,
      });
    }
    if (p.col_names && new Set(p.col_names).size !== p.col_names.length)
      ctx.addIssue({ code: 'custom', path: ['col_names'], message: 'the names must differ' });
  });

export type VectorClassAttributionParams = z.infer<typeof vectorClassAttributionParams>;
