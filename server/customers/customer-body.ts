/**
 * The customer endpoints' inputs (reference M1, M3): the reference's field names (`first_name`, `zip_code`,
 * `phone`, `company_name`…), mapped to the customer record. Responses name the phone `phone_number` (the reference's
 * customer object does); M1 and M3 take `phone` (the reference's input name) or `phone_number`. M1's `password` is accepted for compatibility and
 * dropped unread: customers call the API with the client credentials M1 returns, so no customer password is kept
 * (the reference bcrypt'ed it and logged it in clear).
 */
import { z } from 'zod';
import { scopeName, type CustomerInput } from '../clients/schemas';
import { pageFields } from '../paging/keyset';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const createCustomerBody = z
  .object({
    title: z.string().trim().max(16).optional(),
    first_name: text(64),
    last_name: text(64),
    email: z.email({ error: 'an e-mail address' }).max(254),
    password: z.string().max(1024).optional(),
    address: text(256).optional(),
    zip_code: text(16).optional(),
    city: text(64).optional(),
    country: text(64).optional(),
    nationality: text(64).optional(),
    phone: text(64).optional(),
    phone_number: text(64).optional(),
    company_name: text(1024).optional(),
    /** Scopes of the customer's first client (default `user get_product`). */
    scopes: z.array(scopeName).min(1).max(32).optional(),
  })
  .strict()
  .refine((b) => !b.phone || !b.phone_number || b.phone === b.phone_number, {
    path: ['phone_number'],
    message: 'phone and phone_number name the same field: send one of them',
  });
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;

export const toCustomerInput = ({ phone, phone_number = phone, ...b }: CreateCustomerBody): CustomerInput => ({
  name: b.company_name ?? `${b.first_name} ${b.last_name}`,
  email: b.email,
  ...(b.title ? { title: b.title } : {}),
  firstName: b.first_name,
  lastName: b.last_name,
  ...(b.company_name ? { companyName: b.company_name } : {}),
  ...(b.address ? { address: b.address } : {}),
  ...(b.city ? { city: b.city } : {}),
  ...(b.zip_code ? { zipCode: b.zip_code } : {}),
  ...(b.country ? { country: b.country } : {}),
  ...(b.nationality ? { nationality: b.nationality } : {}),
  ...(phone_number ? { phoneNumber: phone_number } : {}),
});

/** M3's filters (all optional, combined with AND; equality, case-insensitive), and paging. */
export const FILTER_FIELDS = {
  title: 'title',
  first_name: 'first_name',
  last_name: 'last_name',
  email: 'email',
  address: 'address',
  zip_code: 'zip_code',
  city: 'city',
  country: 'country',
  nationality: 'nationality',
  phone: 'phone_number',
  phone_number: 'phone_number',
  company_name: 'company_name',
} as const;

export const customerFilter = z
  .object({
    ...(Object.fromEntries(Object.keys(FILTER_FIELDS).map((k) => [k, z.string().max(1024).optional()])) as Record<
      keyof typeof FILTER_FIELDS,
      z.ZodOptional<z.ZodString>
    >),
    ...pageFields({ max: 500, default: 100 }),
  })
  .strict();
export type CustomerFilter = z.infer<typeof customerFilter>;
