/** The Node stand-ins commander runs on (cli/commander_shims.ts, ADR 0023) behave as the Node APIs they replace. */

import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { EventEmitter, path, process, stripVTControlCharacters } from "../../cli/commander_shims.ts";

Deno.test("the emitter calls listeners in order with the emitter as this, and lists copies", () => {
  const emitter = new EventEmitter();
  const calls: string[] = [];
  emitter.on("x", function (this: unknown, v: unknown) {
    calls.push(`a:${v}:${this === emitter}`);
  });
  emitter.on("x", (v: unknown) => calls.push(`b:${v}`));
  strictEqual(emitter.emit("x", 1), true);
  strictEqual(emitter.emit("nobody"), false);
  deepStrictEqual(calls, ["a:1:true", "b:1"]);
  strictEqual(emitter.listenerCount("x"), 2);
  emitter.listeners("x").pop();
  strictEqual(emitter.listenerCount("x"), 2, "listeners() is a copy");
});

Deno.test("basename/extname as commander uses them; the escape stripper removes CSI and OSC only", () => {
  deepStrictEqual(
    [path.basename("/a/b/ppx.ts", ".ts"), path.basename("C:\\x\\tool.exe"), path.extname("a/.hidden")],
    ["ppx", "tool.exe", ""],
  );
  strictEqual(
    stripVTControlCharacters("\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07"),
    "red link",
  );
});

Deno.test("commander cannot exit the process behind cli/main.ts's back", () => {
  throws(() => process.exit(1), /outside exitOverride/);
});
