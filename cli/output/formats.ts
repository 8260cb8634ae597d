/** The output formats, in a module of their own so start-up need not load the renderers. */

/** Output formats a user can ask for. */
export const OUTPUT_FORMATS = ["table", "tsv", "json", "yaml", "csv"] as const;
/** One output format. */
export type OutputFormat = typeof OUTPUT_FORMATS[number];
