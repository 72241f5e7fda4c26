/** Reference data every installation needs: scopes, services, manual task types, nations (Appendix B). */
import { SERVICE_SCOPES } from '../../server/services/catalogue';

/** The scopes: `admin` and `user`, and every scope the service catalogue names (server/services/catalogue.ts). */
export const SCOPES: { name: string; description: string }[] = [
  { name: 'admin', description: 'Administer clients, customers, services and every order' },
  { name: 'user', description: 'Basic API access: own orders, own regions of interest' },
  { name: 'metrics', description: 'Read the Prometheus metrics (/metrics of web and worker)' },
  ...Object.entries(SERVICE_SCOPES).map(([name, description]) => ({ name, description })),
];

export const MANUAL_TASK_TYPES = [
  { name: 'Visual quality check', description: 'An operator inspects the unit for artefacts.', position: 1, requiresOrder: true },
  { name: 'Manual correction', description: 'Misclassified areas are corrected by hand.', position: 2, requiresOrder: true },
  { name: 'Final validation', description: 'The unit is accepted for delivery.', position: 3, requiresOrder: false },
];

/**
 * The 46 nations of the national product (reference Appendix B): name, ISO 3166-1 code, the code used in the
 * legacy file names, and the national CRS. The reference's codes for Guernsey, Jersey, Northern Ireland and Kosovo
 * are not ISO codes; they are kept as file codes only. Turkey has no national CRS in the reference (00000).
 */
export const NATIONS: { name: string; isoCode: string; fileCode: string; epsg: number | null }[] = [
  ['Albania', 'AL', 'AL', 2462],
  ['Austria', 'AT', 'AT', 31287],
  ['Bosnia And Herzegovina', 'BA', 'BA', 3908],
  ['Belgium', 'BE', 'BE', 3812],
  ['Bulgaria', 'BG', 'BG', 32635],
  ['Switzerland', 'CH', 'CH', 2056],
  ['Cyprus', 'CY', 'CY', 32636],
  ['Czech Republic', 'CZ', 'CZ', 5514],
  ['Germany', 'DE', 'DE', 32632],
  ['Denmark', 'DK', 'DK', 25832],
  ['Estonia', 'EE', 'EE', 3301],
  ['Spain', 'ES', 'ES', 25830],
  ['Spain (Canaries)', 'ES', 'ES', 32628],
  ['Finland', 'FI', 'FI', 3067],
  ['France', 'FR', 'FR', 2154],
  ['Great Britain', 'GB', 'GB', 27700],
  ['Guernsey (Channel Islands)', 'GG', 'GB', 3108],
  ['Greece', 'GR', 'GR', 2100],
  ['Croatia', 'HR', 'HR', 3765],
  ['Hungary', 'HU', 'HU', 23700],
  ['Ireland', 'IE', 'IE', 2157],
  ['Iceland', 'IS', 'IS', 5325],
  ['Italy', 'IT', 'IT', 32632],
  ['Jersey (Channel Islands)', 'JE', 'GB', 3109],
  ['Liechtenstein', 'LI', 'LI', 2056],
  ['Lithuania', 'LT', 'LT', 3346],
  ['Luxembourg', 'LU', 'LU', 2169],
  ['Latvia', 'LV', 'LV', 3059],
  ['Montenegro', 'ME', 'ME', 25834],
  ['Fyr Of Macedonia', 'MK', 'MK', 6204],
  ['Malta', 'MT', 'MT', 23033],
  ['Northern Ireland', 'GB', 'NI', 29903],
  ['Netherlands', 'NL', 'NL', 28992],
  ['Norway', 'NO', 'NO', 25833],
  ['Poland', 'PL', 'PL', 2180],
  ['Portugal', 'PT', 'PT', 3763],
  ['Portugal (Azores Central And Eastern Group)', 'PT', 'PT', 5015],
  ['Portugal (Azores Western Group)', 'PT', 'PT', 5014],
  ['Portugal (Madeira)', 'PT', 'PT', 5016],
  ['Romania', 'RO', 'RO', 3844],
  ['Serbia', 'RS', 'RS', 25834],
  ['Sweden', 'SE', 'SE', 3006],
  ['Slovenia', 'SI', 'SI', 3912],
  ['Slovakia', 'SK', 'SK', 5514],
  ['Turkey', 'TR', 'TR', null],
  ['Kosovo Under Unscr 1244/99', 'XK', 'KS', 3909],
].map(([name, isoCode, fileCode, epsg]) => ({
  name: name as string,
  isoCode: isoCode as string,
  fileCode: fileCode as string,
  epsg: epsg as number | null,
}));
