/**
 * Typed errors of the product store. Each is an AppError (so transports map it once) with a `reason` callers can
 * switch on and a message that says what is wrong and how to fix it.
 */
import { AppError, type ErrorCode } from '../errors';

export type StoreErrorReason =
  | 'UNKNOWN_GROUP'
  | 'CRS_MISMATCH'
  | 'DTYPE_MISMATCH'
  | 'NODATA_MISMATCH'
  | 'PIXEL_SIZE_MISMATCH'
  | 'GRID_MISALIGNED'
  | 'INVALID_VALUES'
  | 'OUT_OF_BOUNDS'
  | 'UNREADABLE_FILE'
  | 'OVERLAPPING_UNITS'
  | 'INVALID_GEOMETRY';

const CODE: Record<StoreErrorReason, ErrorCode> = {
  UNKNOWN_GROUP: 'NOT_FOUND',
  CRS_MISMATCH: 'VALIDATION',
  DTYPE_MISMATCH: 'VALIDATION',
  NODATA_MISMATCH: 'VALIDATION',
  PIXEL_SIZE_MISMATCH: 'VALIDATION',
  GRID_MISALIGNED: 'VALIDATION',
  INVALID_VALUES: 'VALIDATION',
  OUT_OF_BOUNDS: 'UNPROCESSABLE',
  UNREADABLE_FILE: 'VALIDATION',
  OVERLAPPING_UNITS: 'CONFLICT',
  INVALID_GEOMETRY: 'VALIDATION',
};

export class StoreError extends AppError {
  constructor(
    readonly storeReason: StoreErrorReason,
    message: string,
  ) {
    super(CODE[storeReason], message, { reason: storeReason });
    this.name = 'StoreError';
  }
}
