import { z } from 'zod';

export const scopeName = z
  .string()
  .regex(/^[a-z][a-z0-9_:.-]*$/, 'a scope is lower-case letters, digits, _ : . -')
  .max(64);

export const customerInput = z
  .object({
    name: z.string().trim().min(1).max(256).describe('Display name: organisation or person'),
    email: z.email().max(254).optional(),
    title: z.string().max(16).optional(),
    firstName: z.string().max(64).optional(),
    lastName: z.string().max(64).optional(),
    companyName: z.string().max(1024).optional(),
    address: z.string().max(256).optional(),
    city: z.string().max(64).optional(),
    zipCode: z.string().max(16).optional(),
    country: z.string().max(64).optional(),
    nationality: z.string().max(64).optional(),
    phoneNumber: z.string().max(64).optional(),
  })
  .strict();
export type CustomerInput = z.infer<typeof customerInput>;

export const createClientInput = z
  .object({
    name: z.string().trim().min(1).max(128).describe('Name of the client (the application that calls the API)'),
    scopes: z.array(scopeName).min(1).max(32),
    /** An existing customer, or the data of a new one (default: named like the client). */
    customerId: z.uuid().optional(),
    customer: customerInput.optional(),
    authMethod: z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt']).default('client_secret_basic'),
  })
  .strict()
  .refine((v) => !(v.customerId && v.customer), { message: 'give customerId or customer, not both', path: ['customer'] });
export type CreateClientInput = z.input<typeof createClientInput>;

/** A public key as a JWK: RSA, EC (P-256/384/521) or OKP (Ed25519); never a private or symmetric key. */
export const publicJwk = z
  .object({
    kty: z.enum(['RSA', 'EC', 'OKP']),
    kid: z.string().min(1).max(128).optional(),
    alg: z.enum(['RS256', 'PS256', 'ES256', 'EdDSA']).optional(),
    use: z.literal('sig').optional(),
    n: z.string().optional(),
    e: z.string().optional(),
    crv: z.enum(['P-256', 'P-384', 'P-521', 'Ed25519']).optional(),
    x: z.string().optional(),
    y: z.string().optional(),
  })
  .passthrough()
  .refine((k) => !('d' in k) && !('p' in k) && !('k' in k), {
    message: 'this is a private or symmetric key; register the public key only',
  })
  .refine((k) => (k.kty === 'RSA' ? !!k.n && !!k.e : !!k.crv && !!k.x && (k.kty === 'OKP' || !!k.y)), {
    message: 'the key is missing its public parameters',
  });
export type PublicJwk = z.infer<typeof publicJwk>;

export type ClientView = {
  id: string;
  clientId: string;
  name: string;
  customerId: string;
  customerName: string;
  scopes: string[];
  authMethod: string;
  disabled: boolean;
  createdAt: Date;
  lastTokenAt: Date | null;
  secrets: { id: string; hint: string; createdAt: Date; expiresAt: Date | null }[];
  keys: { kid: string; createdAt: Date }[];
};
