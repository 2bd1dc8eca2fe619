import { z } from 'zod';

// Zod's French locale gives readable fallbacks; schemas meant for forms carry their own messages.
z.config(z.locales.fr());

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output };
}

export const Empty = z.object({}).strict();
export const Nothing = z.null();
