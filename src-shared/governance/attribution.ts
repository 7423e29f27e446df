import { z } from 'zod';

/**
 * Names of reviewers and operators are typed in by whoever sits at this workstation: local
 * attribution, not authentication. Every answer that carries a name says so in this field.
 */
export const Attribution = z.literal('local');

export const PersonName = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(80)
  .regex(/^[^\u0000-\u001f]+$/, 'control characters are not allowed');

export const Reason = z.string().trim().min(1, 'a reason is required').max(500);
