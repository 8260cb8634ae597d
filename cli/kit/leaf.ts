/**
 * The shape of a leaf command (docs/architecture.md): the commander definition binds flags into a typed
 * options object and hands it to a `RunF`; the default `RunF` builds the lib dependencies from the context,
 * calls the lib use-case `run(options, deps)` and renders what it returns with `ctx.out.result`. Tests
 * pass their own `RunF` to capture the options argv produced (gh's `runF`), and test the use-case with
 * its own deps.
 *
 * @module
 */

import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";

/** What a leaf command's action calls with its parsed options. */
export type RunF<O> = (options: O, ctx: Context) => Promise<void>;

/** A leaf command builder: `(app, runF?) => command`. */
export type LeafBuilder<O> = (app: App, runF?: RunF<O>) => CommandUnknownOpts;
