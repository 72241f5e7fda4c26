/** Customers: the organisations or people who own API clients (the CRM record of the reference, §2.5). */
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { timestamps, tstz } from './_columns';

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Display name: the organisation, or the person. */
    name: varchar('name', { length: 256 }).notNull(),
    title: varchar('title', { length: 16 }),
    firstName: varchar('first_name', { length: 64 }),
    lastName: varchar('last_name', { length: 64 }),
    email: varchar('email', { length: 254 }),
    companyName: varchar('company_name', { length: 1024 }),
    address: varchar('address', { length: 256 }),
    city: varchar('city', { length: 64 }),
    zipCode: varchar('zip_code', { length: 16 }),
    country: varchar('country', { length: 64 }),
    nationality: varchar('nationality', { length: 64 }),
    phoneNumber: varchar('phone_number', { length: 64 }),
    notes: text('notes'),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
    deletedAt: tstz('deleted_at'),
  },
  (t) => [
    // One customer per e-mail address, whatever its case (the reference matched lower(email) on a non-unique column).
    uniqueIndex('customers_email_lower_key').on(sql`lower(${t.email})`),
    index('customers_name_idx').on(t.name),
    check('customers_email_check', sql`${t.email} IS NULL OR ${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
    check('customers_name_check', sql`length(trim(${t.name})) > 0`),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
