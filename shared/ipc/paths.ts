import { z } from 'zod';

/**
 * A path on the user's disk, as the system file dialogs give it (POSIX, a Windows drive, or a UNC share).
 * The renderer never sends a relative one: it would resolve against whatever main's working folder is.
 */
export const AbsolutePathSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be an absolute path');
