#!/bin/sh
# Installs the ppx release binary for this machine: finds the latest release (or PPX_VERSION), downloads
# the archive for this OS and CPU with the release's SHA256SUMS, verifies the checksum, and installs `ppx`
# into PPX_INSTALL_DIR (default ~/.local/bin). Nothing is installed unless the checksum matches.
#
#   curl -fsSL https://github.com/OWNER/REPO/releases/latest/download/install.sh | sh
#
# Settings (environment): PPX_VERSION (e.g. 0.2.0; default the latest release), PPX_INSTALL_DIR,
# PPX_REPO (owner/name; the release stamps it), PPX_RELEASE_API (default https://api.github.com),
# PPX_DOWNLOAD_BASE (default https://github.com/$PPX_REPO/releases).
set -eu

repo="${PPX_REPO:-__PPX_REPO__}"
case "$repo" in
  */*) ;;
  *) echo "ppx install: set PPX_REPO=owner/name (the repository that publishes ppx releases)." >&2; exit 2 ;;
esac
api="${PPX_RELEASE_API:-https://api.github.com}"
base="${PPX_DOWNLOAD_BASE:-https://github.com/$repo/releases}"
dir="${PPX_INSTALL_DIR:-$HOME/.local/bin}"

fail() { echo "ppx install: $*" >&2; exit 1; }

fetch() { # fetch URL FILE
  if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then wget -q -O "$2" "$1"
  else fail "neither curl nor wget is installed."
  fi
}

case "$(uname -s)" in
  Linux) os=unknown-linux-gnu ;;
  Darwin) os=apple-darwin ;;
  *) fail "no release binary for $(uname -s); on Windows use install.ps1, elsewhere: deno install -g -A -n ppx jsr:@pacx/cli" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  arm64 | aarch64) arch=aarch64 ;;
  *) fail "no release binary for the CPU $(uname -m)." ;;
esac
target="$arch-$os"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

version="${PPX_VERSION:-}"
if [ -z "$version" ]; then
  fetch "$api/repos/$repo/releases/latest" "$tmp/release.json" || fail "cannot read the latest release of $repo."
  version=$(sed -n 's/.*"tag_name"[[:space:]]*:[[:space:]]*"v\{0,1\}\([^"]*\)".*/\1/p' "$tmp/release.json" | head -n 1)
  [ -n "$version" ] || fail "the latest release of $repo has no tag name."
fi
version="${version#v}"
archive="ppx-$version-$target.tar.gz"

echo "Installing ppx $version ($target) into $dir"
fetch "$base/download/v$version/SHA256SUMS" "$tmp/SHA256SUMS" || fail "cannot download SHA256SUMS of v$version."
fetch "$base/download/v$version/$archive" "$tmp/$archive" || fail "cannot download $archive."

expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
[ -n "$expected" ] || fail "SHA256SUMS does not list $archive."
if command -v sha256sum >/dev/null 2>&1; then actual=$(sha256sum "$tmp/$archive" | awk '{print $1}')
else actual=$(shasum -a 256 "$tmp/$archive" | awk '{print $1}')
fi
[ "$expected" = "$actual" ] || fail "the checksum of $archive does not match SHA256SUMS; nothing was installed."

mkdir -p "$tmp/x" "$dir"
tar -xzf "$tmp/$archive" -C "$tmp/x" || fail "$archive is not a valid archive."
[ -f "$tmp/x/ppx" ] || fail "$archive has no ppx in it."
chmod 755 "$tmp/x/ppx"
# Copy beside the target, then rename: an interrupted install never leaves half a binary.
cp "$tmp/x/ppx" "$dir/.ppx.new.$$"
mv -f "$dir/.ppx.new.$$" "$dir/ppx"

echo "Installed $dir/ppx"
case ":$PATH:" in
  *":$dir:"*) ;;
  *) echo "Add $dir to your PATH, e.g.: echo 'export PATH=\"$dir:\$PATH\"' >> ~/.profile" ;;
esac
