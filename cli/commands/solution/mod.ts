/**
 * `ppx solution`: one file per leaf command. Local packaging (pack, unpack) is here; the Dataverse
 * lifecycle commands (list, export, import, ...) are added beside them as their own files.
 */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import packCommand from "./pack.ts";
import unpackCommand from "./unpack.ts";

/** The leaf commands, in help order. */
const LEAVES: ((app: App) => Command)[] = [
  unpackCommand as unknown as (app: App) => Command,
  packCommand as unknown as (app: App) => Command,
];

/** Builds the solution group. */
export default function solution(app: App) {
  const group = new Command("solution").description("Solutions: pack and unpack (SolutionPackager layout)");
  for (const leaf of LEAVES) group.addCommand(leaf(app));
  return group;
}
