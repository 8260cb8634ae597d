/**
 * The environment variables that carry a GitHub token, apart from the sign-in code so that a check for
 * them (`ppx auth status` with no profiles) loads nothing else.
 *
 * @module
 */

/** The variables that override stored GitHub tokens, in order. */
export const GITHUB_TOKEN_VARIABLES: readonly string[] = ["PPX_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN"];
