/**
 * Windows: generic credentials in Credential Manager, through Windows PowerShell calling the Win32
 * CredRead/CredWrite/CredDelete API. The script travels as `-EncodedCommand` (it holds no secret); a
 * secret travels on stdin as base64 and comes back on stdout as base64, so console code pages cannot
 * mangle it. The target name is `SERVICE:ACCOUNT` (the go-keyring convention gh uses).
 *
 * @module
 */

import { KeyringError } from "./errors.ts";
import { checkKeyringName, type Keyring } from "./keyring.ts";
import { type CommandResult, type CommandRunner, KEYRING_TIMEOUT_MS } from "./runner.ts";

const NATIVE = `$ErrorActionPreference = 'Stop'
Add-Type -Namespace PpxCred -Name Native -MemberDefinition @'
[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
public struct CREDENTIAL {
  public int Flags; public int Type; public string TargetName; public string Comment; public long LastWritten;
  public int CredentialBlobSize; public IntPtr CredentialBlob; public int Persist; public int AttributeCount;
  public IntPtr Attributes; public string TargetAlias; public string UserName;
}
[DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
public static extern bool CredReadW(string target, int type, int flags, out IntPtr credential);
[DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
public static extern bool CredWriteW(ref CREDENTIAL credential, int flags);
[DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
public static extern bool CredDeleteW(string target, int type, int flags);
[DllImport("advapi32.dll")]
public static extern void CredFree(IntPtr buffer);
'@
$M = [Runtime.InteropServices.Marshal]
`;

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The PowerShell script for one operation (it never contains the secret). */
export function credentialScript(op: "get" | "set" | "delete", service: string, account: string): string {
  const target = quote(`${service}:${account}`);
  if (op === "get") {
    return NATIVE + `$p = [IntPtr]::Zero
if (-not [PpxCred.Native]::CredReadW(${target}, 1, 0, [ref]$p)) {
  $e = $M::GetLastWin32Error(); if ($e -eq 1168) { exit 2 }
  [Console]::Error.WriteLine("CredRead failed: Win32 error $e"); exit 1
}
$c = $M::PtrToStructure($p, [type][PpxCred.Native+CREDENTIAL])
$b = New-Object byte[] $c.CredentialBlobSize
if ($c.CredentialBlobSize -gt 0) { $M::Copy($c.CredentialBlob, $b, 0, $c.CredentialBlobSize) }
[PpxCred.Native]::CredFree($p)
[Console]::Out.Write([Convert]::ToBase64String($b))
`;
  }
  if (op === "set") {
    return NATIVE + `$b = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim())
$c = New-Object PpxCred.Native+CREDENTIAL
$c.Type = 1; $c.Persist = 2; $c.TargetName = ${target}; $c.UserName = ${quote(account)}
$c.CredentialBlobSize = $b.Length
$c.CredentialBlob = $M::AllocHGlobal([Math]::Max(1, $b.Length))
$M::Copy($b, 0, $c.CredentialBlob, $b.Length)
$ok = [PpxCred.Native]::CredWriteW([ref]$c, 0)
$e = $M::GetLastWin32Error()
$M::FreeHGlobal($c.CredentialBlob)
if (-not $ok) { [Console]::Error.WriteLine("CredWrite failed: Win32 error $e"); exit 1 }
`;
  }
  return NATIVE + `if (-not [PpxCred.Native]::CredDeleteW(${target}, 1, 0)) {
  $e = $M::GetLastWin32Error(); if ($e -eq 1168) { exit 2 }
  [Console]::Error.WriteLine("CredDelete failed: Win32 error $e"); exit 1
}
`;
}

/** `-EncodedCommand` wants base64 of UTF-16LE. */
export function encodeCommand(script: string): string {
  const bytes = new Uint8Array(script.length * 2);
  for (let i = 0; i < script.length; i++) {
    const code = script.charCodeAt(i);
    bytes[i * 2] = code & 255;
    bytes[i * 2 + 1] = code >> 8;
  }
  return bytes.toBase64();
}

function args(script: string): string[] {
  return [
    "-NoProfile",
    "-NonInteractive",
    "-ExecutionPolicy",
    "Bypass",
    "-EncodedCommand",
    encodeCommand(script),
  ];
}

function toBase64(text: string): string {
  return new TextEncoder().encode(text).toBase64();
}

function fromBase64(text: string): string {
  return new TextDecoder().decode(Uint8Array.fromBase64(text.trim()));
}

function credentialError(result: CommandResult): KeyringError {
  if (result.notFound) {
    return new KeyringError(
      "helper-missing",
      "powershell.exe not found: Windows PowerShell is needed for Credential Manager",
      "Check that %SystemRoot%\\System32\\WindowsPowerShell\\v1.0 is on PATH.",
    );
  }
  if (result.timedOut) {
    return new KeyringError(
      "timeout",
      `Credential Manager did not answer within ${KEYRING_TIMEOUT_MS / 1000} s.`,
      "",
      { action: "fix", topic: "keyring.elsewhere" },
    );
  }
  const detail = result.stderr.trim().split("\n").at(-1) ?? "";
  return new KeyringError(
    "failed",
    `Credential Manager failed: ${detail || `exit code ${result.code}`}`,
    "Check Credential Manager.",
  );
}

/** Windows Credential Manager. */
export function windowsKeyring(run: CommandRunner, timeoutMs = KEYRING_TIMEOUT_MS): Keyring {
  const call = (op: "get" | "set" | "delete", service: string, account: string, stdin?: string) => {
    checkKeyringName("service", service);
    checkKeyringName("account", account);
    return run({
      command: "powershell.exe",
      args: args(credentialScript(op, service, account)),
      stdin,
      timeoutMs,
    });
  };
  return {
    backend: "windows-credential-manager",
    async get(service, account) {
      const result = await call("get", service, account);
      if (result.code === 0) return fromBase64(result.stdout);
      if (result.code === 2) return undefined;
      throw credentialError(result);
    },
    async set(service, account, secret) {
      const result = await call("set", service, account, toBase64(secret));
      if (result.code !== 0) throw credentialError(result);
    },
    async delete(service, account) {
      const result = await call("delete", service, account);
      if (result.code === 0) return true;
      if (result.code === 2) return false;
      throw credentialError(result);
    },
  };
}
