import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

/**
 * react-hook-form resolver from a contract zod schema: the form validates with exactly the rules the
 * core will apply, and shows the same French messages inline.
 */
export function zodResolver<S extends z.ZodType<FieldValues, FieldValues>>(schema: S): Resolver<z.input<S>, unknown, z.output<S>> {
  return async (values) => {
    const result = await schema.safeParseAsync(values);
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!errors[path]) errors[path] = { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: toNested(errors) as FieldErrors<z.input<S>> };
  };
}

function toNested(flat: Record<string, unknown>): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [path, error] of Object.entries(flat)) {
    const keys = path ? path.split('.') : ['root'];
    let node = nested;
    keys.forEach((key, index) => {
      if (index === keys.length - 1) node[key] = error;
      else node = (node[key] ??= {}) as Record<string, unknown>;
    });
  }
  return nested;
}
