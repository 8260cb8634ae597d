# Installs the ppx release binary on Windows: finds the latest release (or $env:PPX_VERSION), downloads
# the zip and the release's SHA256SUMS, verifies the checksum, and installs ppx.exe into
# $env:PPX_INSTALL_DIR (default %LOCALAPPDATA%\Programs\ppx), adding it to the user's PATH.
# Nothing is installed unless the checksum matches.
#
#   irm https://github.com/OWNER/REPO/releases/latest/download/install.ps1 | iex
$ErrorActionPreference = 'Stop'

$repo = if ($env:PPX_REPO) { $env:PPX_REPO } else { '__PPX_REPO__' }
if ($repo -notmatch '^[^/]+/[^/]+$') { throw 'ppx install: set PPX_REPO=owner/name (the repository that publishes ppx releases).' }
$api = if ($env:PPX_RELEASE_API) { $env:PPX_RELEASE_API } else { 'https://api.github.com' }
$base = if ($env:PPX_DOWNLOAD_BASE) { $env:PPX_DOWNLOAD_BASE } else { "https://github.com/$repo/releases" }
$dir = if ($env:PPX_INSTALL_DIR) { $env:PPX_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA 'Programs\ppx' }

$arch = $env:PROCESSOR_ARCHITECTURE
if ($arch -ne 'AMD64' -and $arch -ne 'ARM64') { throw "ppx install: no release binary for $arch." }
# Windows on ARM runs the x86_64 build under emulation; it is the only Windows build published.
$target = 'x86_64-pc-windows-msvc'

$version = $env:PPX_VERSION
if (-not $version) {
  $release = Invoke-RestMethod -Uri "$api/repos/$repo/releases/latest" -Headers @{ Accept = 'application/vnd.github+json' }
  $version = $release.tag_name
}
$version = $version -replace '^v', ''
$archive = "ppx-$version-$target.zip"

$tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("ppx-install-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $tmp | Out-Null
try {
  Write-Host "Installing ppx $version ($target) into $dir"
  Invoke-WebRequest -Uri "$base/download/v$version/SHA256SUMS" -OutFile (Join-Path $tmp 'SHA256SUMS') -UseBasicParsing
  Invoke-WebRequest -Uri "$base/download/v$version/$archive" -OutFile (Join-Path $tmp $archive) -UseBasicParsing
  $line = Get-Content (Join-Path $tmp 'SHA256SUMS') | Where-Object { ($_ -split '\s+')[1] -in @($archive, "*$archive") } | Select-Object -First 1
  if (-not $line) { throw "ppx install: SHA256SUMS does not list $archive." }
  $expected = ($line -split '\s+')[0].ToLowerInvariant()
  $actual = (Get-FileHash -Algorithm SHA256 (Join-Path $tmp $archive)).Hash.ToLowerInvariant()
  if ($expected -ne $actual) { throw "ppx install: the checksum of $archive does not match SHA256SUMS; nothing was installed." }
  Expand-Archive -Path (Join-Path $tmp $archive) -DestinationPath (Join-Path $tmp 'x') -Force
  $exe = Join-Path $tmp 'x\ppx.exe'
  if (-not (Test-Path $exe)) { throw "ppx install: $archive has no ppx.exe in it." }
  New-Item -ItemType Directory -Force -Path $dir | Out-Null
  $dest = Join-Path $dir 'ppx.exe'
  # A running ppx.exe cannot be overwritten: move it aside first (removed by the next install or upgrade).
  if (Test-Path $dest) { Move-Item -Force $dest "$dest.old" }
  Copy-Item $exe $dest
  $userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
  if (($userPath -split ';') -notcontains $dir) {
    [Environment]::SetEnvironmentVariable('Path', "$userPath;$dir", 'User')
    Write-Host "Added $dir to your PATH (open a new terminal)."
  }
  Write-Host "Installed $dest"
} finally {
  Remove-Item -Recurse -Force $tmp -ErrorAction SilentlyContinue
}
