// Types of the generated Swagger 2.0 schema validator (swagger2_check.js).

/** One schema violation, in Ajv's error shape. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Validates a Swagger 2.0 document; errors of the last call are on `validate.errors`. */
export declare const validate: ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
