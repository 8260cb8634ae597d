import { parseCertificate } from "../../../../lib/auth/entra/certificate.ts";
import { ConfigError } from "../../../../lib/errors.ts";
import { haveOpenssl, makeCertificate } from "../../../helpers/entra.ts";
import { assertIncludes, assertRejects } from "../../../helpers/assert.ts";

Deno.test({
  name: "certificate: every wrong password of an encrypted PEM says 'wrong password or damaged key'",
  ignore: !(await haveOpenssl()),
  async fn() {
    const cert = await makeCertificate();
    try {
      const bytes = await Deno.readFile(cert.encryptedPath);
      // Now and then a wrong password decrypts to bytes that pass the padding check and then break the
      // ASN.1 reader with unrelated messages; each of these must still be reported as a password problem.
      for (let i = 0; i < 150; i++) {
        const error = await assertRejects(
          () => parseCertificate(bytes, { path: "enc.pem", password: `wrong-${i}` }),
          ConfigError,
        );
        assertIncludes(error.message, "wrong password or damaged key", `password wrong-${i}`);
      }
      // A damaged key (one byte of its body changed) reads the same way.
      const text = new TextDecoder().decode(bytes);
      const at = text.indexOf("\n", text.indexOf("ENCRYPTED PRIVATE KEY")) + 40;
      const flipped = text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
      const damaged = await assertRejects(
        () => parseCertificate(new TextEncoder().encode(flipped), { path: "enc.pem", password: "pem-pass" }),
        ConfigError,
      );
      assertIncludes(damaged.message, "wrong password or damaged key");
    } finally {
      await Deno.remove(cert.dir, { recursive: true });
    }
  },
});
