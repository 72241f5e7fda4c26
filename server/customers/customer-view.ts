/** A customer as the API shows it (the reference's field names), with its API clients (never a secret). */
import type { Customer } from '~/db/schema';

export type CustomerClient = { client_id: string; name: string; disabled: boolean };

export type CustomerView = {
  customer_id: string;
  name: string;
  title: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  address: string | null;
  zip_code: string | null;
  city: string | null;
  country: string | null;
  nationality: string | null;
  phone_number: string | null;
  company_name: string | null;
  active: boolean;
  created_at: string;
  deleted_at: string | null;
  clients: CustomerClient[];
};

export const toCustomerView = (c: Customer, clients: CustomerClient[]): CustomerView => ({
  customer_id: c.id,
  name: c.name,
  title: c.title,
  first_name: c.firstName,
  last_name: c.lastName,
  email: c.email,
  address: c.address,
  zip_code: c.zipCode,
  city: c.city,
  country: c.country,
  nationality: c.nationality,
  phone_number: c.phoneNumber,
  company_name: c.companyName,
  active: c.active,
  created_at: c.createdAt.toISOString(),
  deleted_at: c.deletedAt?.toISOString() ?? null,
  clients,
});
