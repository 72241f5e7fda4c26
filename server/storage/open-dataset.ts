import type { Dataset } from 'gdal-async';
import gdal from '../geo/gdal';
import { StoreError } from './store-error';

/** Opens a file with GDAL, or refuses it as unreadable with GDAL's reason and a hint. */
export function openDataset(file: string, hint: string): Dataset {
  try {
    return gdal.open(file);
  } catch (e) {
    throw new StoreError('UNREADABLE_FILE', `cannot read ${file} (${(e as Error).message}); ${hint}`);
  }
}
