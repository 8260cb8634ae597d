import assert from "node:assert/strict";
import { InvalidValueError } from "../../../lib/errors.ts";
import {
  parseBoolean,
  parseDecimal,
  parseDuration,
  parseSize,
  parseWholeNumber,
  readBoolean,
} from "../../../lib/parse/values.ts";

function expected(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InvalidValueError);
    return error.expected;
  }
  throw new Error("did not throw");
}

Deno.test("whole numbers: bounds in the error, no decimals, exponents or hex", () => {
  assert.equal(parseWholeNumber(" 12 "), 12);
  assert.equal(parseWholeNumber("5000", { min: 1, max: 5000 }), 5000);
  assert.equal(expected(() => parseWholeNumber("0", { min: 1 })), "a whole number from 1");
  assert.equal(
    expected(() => parseWholeNumber("5001", { min: 1, max: 5000 })),
    "a whole number from 1 to 5000",
  );
  assert.equal(expected(() => parseWholeNumber("1.5", { min: 0 })), "a whole number");
  for (const bad of ["", "1e3", "0x10", "abc"]) assert.throws(() => parseWholeNumber(bad), InvalidValueError);
});

Deno.test("decimals accept fractions within bounds", () => {
  assert.equal(parseDecimal("0.25", { min: 0, max: 1 }), 0.25);
  assert.equal(parseDecimal(".5"), 0.5);
  assert.equal(expected(() => parseDecimal("2", { min: 0, max: 1 })), "a number from 0 to 1");
  assert.throws(() => parseDecimal("NaN"), InvalidValueError);
});

Deno.test("durations: units, fractions, a default unit for bare numbers", () => {
  assert.equal(parseDuration("90"), 90_000);
  assert.equal(parseDuration("90s"), 90_000);
  assert.equal(parseDuration("45m"), 2_700_000);
  assert.equal(parseDuration("1.5h"), 5_400_000);
  assert.equal(parseDuration("250ms"), 250);
  assert.equal(parseDuration("90", "m"), 5_400_000);
  assert.equal(expected(() => parseDuration("soon")), "a duration like 90s, 45m or 2h");
  assert.equal(expected(() => parseDuration("1.5x", "m")), "a number of minutes, e.g. 90");
});

Deno.test("sizes: decimal and binary units", () => {
  assert.equal(parseSize("512"), 512);
  assert.equal(parseSize("64KB"), 64_000);
  assert.equal(parseSize("1MiB"), 1_048_576);
  assert.equal(parseSize("1m"), 1_048_576);
  assert.throws(() => parseSize("1 parsec"), InvalidValueError);
});

Deno.test("booleans: true/false, yes/no, y/n, 1/0 in any case", () => {
  for (const t of ["true", "YES", "y", "1"]) assert.equal(parseBoolean(t), true);
  for (const f of ["false", "No", "n", "0"]) assert.equal(parseBoolean(f), false);
  for (const neither of ["", "maybe", "2", "t"]) assert.equal(readBoolean(neither), undefined, neither);
  // One reading for --key values, CSV cells and flags: spaces around the word do not matter.
  assert.equal(readBoolean(" yes "), true);
  assert.equal(expected(() => parseBoolean("maybe")), "true, false, yes or no");
});
