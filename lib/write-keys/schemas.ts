import { z } from 'zod';

export const createWriteKeyInput = z.object({
  name: z.string({ error: 'expected a name' }).trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'),
});
export type CreateWriteKeyInput = z.infer<typeof createWriteKeyInput>;
