/**
 * The emulator is its own package: it never imports the product (it cross-checks it), and everything else
 * reaches it only through its entry, `@pacx/emulator`.
 */

import { deepStrictEqual } from "node:assert/strict";
import { ROOT } from "../../helpers/cli.ts";

async function* sources(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(`${ROOT}${dir}`)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sources(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

async function offenders(dirs: string[], pattern: RegExp): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    for await (const path of sources(dir)) {
      const text = await Deno.readTextFile(`${ROOT}${path}`);
      for (const match of text.matchAll(pattern)) found.push(`${path}: ${match[0]}`);
    }
  }
  return found.sort();
}

Deno.test("no emulator module imports the product (lib/, cli/, mod.ts)", async () => {
  // Resolve each relative import: one that lands outside emulator/ reaches into the product.
  const escaping: string[] = [];
  for await (const path of sources("emulator")) {
    const text = await Deno.readTextFile(`${ROOT}${path}`);
    for (const match of text.matchAll(/from "(\.\.?\/[^"]+)"|import\("(\.\.?\/[^"]+)"/g)) {
      const target = new URL(match[1] ?? match[2], `file:///${path}`).pathname.slice(1);
      if (!target.startsWith("emulator/")) escaping.push(`${path}: ${match[0]}`);
    }
  }
  deepStrictEqual(escaping.sort(), []);
});

Deno.test("tests, scripts, bench and the product import the emulator only as @pacx/emulator", async () => {
  deepStrictEqual(
    await offenders(
      ["tests", "scripts", "bench", "cli", "lib"],
      /(from |import\()"(\.\.\/)+emulator\/[^"]*"/g,
    ),
    [],
  );
});
