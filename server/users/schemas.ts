import { z } from 'zod';

export const role = z.enum(['admin', 'operator', 'viewer']);
export type Role = z.infer<typeof role>;

export const createUserInput = z
  .object({ email: z.email().max(254), role, name: z.string().trim().max(128).optional() })
  .strict();

/** A password people choose: long enough to resist guessing, short enough to hash quickly. */
export const newPassword = z
  .string()
  .min(12, 'at least 12 characters')
  .max(256, 'at most 256 characters')
  .refine((p) => new Set(p).size >= 5, 'too repetitive');

export type UserView = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};
