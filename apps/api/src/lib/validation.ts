import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * TypeBox's validator with stricter string-to-number conversion for params and query:
 * TypeBox turns "1.5", "true", "1e3" and "0x10" into integers, so /centres/1.5 would read
 * centre 1. Such values are refused here instead.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route) as (value: unknown) => {
    value?: unknown;
    error?: FastifySchemaValidationError[];
  };
  if (route.httpPart === 'body') return validate;
  return (input: unknown) => {
    // Convert may change the object in place, so keep the raw strings first.
    const original = isRecord(input) ? { ...input } : undefined;
    const result = validate(input);
    if (result.error || !original || !isRecord(result.value)) return result;
    for (const [key, raw] of Object.entries(original)) {
      const out = result.value[key];
      if (typeof raw !== 'string' || typeof out !== 'number') continue;
      if (!DECIMAL.test(raw) || Number(raw) !== out) {
        const error: FastifySchemaValidationError = {
          keyword: 'type',
          instancePath: `/${key}`,
          schemaPath: '#',
          params: {},
          message: 'must be a plain decimal number',
        };
        return { error: [error] };
      }
    }
    return result;
  };
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
