#!/usr/bin/env bash
# One-time machine setup for SimSid.NET. Installs only what is missing, says what it does,
# and is safe to run again.
#
# TorchSharp's native library needs a C++ runtime with GLIBCXX_3.4.32 (GCC 13 or newer).
# Debian 12 ships GCC 12's libstdc++; on such a machine this script adds Debian 13 ("trixie")
# as a low-priority apt suite on the SAME mirror the machine already uses, and installs only
# trixie's libstdc++6 (which brings trixie's libc6). Nothing else is upgraded.
set -euo pipefail

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

REQUIRED_GLIBCXX=GLIBCXX_3.4.32
SUITE_FILE=/etc/apt/sources.list.d/simsid-trixie.sources
PIN_FILE=/etc/apt/preferences.d/simsid-trixie

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "this step needs root: run the setup as root or install sudo (command: $*)"; fi
}

libstdcxx_path() {
  ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64|libstdc\+\+\.so\.6 .*AArch64|libstdc\+\+\.so\.6 \(/ {print $NF; exit}'
}

has_required_glibcxx() {
  local lib
  lib=$(libstdcxx_path)
  [ -n "$lib" ] && [ -r "$lib" ] && grep -aq "$REQUIRED_GLIBCXX" "$lib"
}

# The URI of the machine's main Debian archive, read from its own apt sources (deb822 or
# one-line format). Security and update suites are skipped.
debian_mirror_uri() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    awk 'BEGIN{RS=""; IGNORECASE=1}
         /(^|\n)Suites:[^\n]*(bookworm|trixie|stable)([ \n]|$)/ && !/security/ {
           if (match($0, /(^|\n)URIs:[ \t]*[^ \t\n]+/)) {
             s = substr($0, RSTART, RLENGTH); sub(/.*URIs:[ \t]*/, "", s); print s; exit
           }
         }' "$f"
  done | head -n 1
  if [ -r /etc/apt/sources.list ]; then
    awk '$1=="deb" && $0 !~ /security/ && ($3 ~ /^(bookworm|trixie|stable)$/) {
           for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list
  fi
}

fix_libstdcxx() {
  if has_required_glibcxx; then
    say "C++ runtime OK: $(libstdcxx_path) provides $REQUIRED_GLIBCXX"
    return
  fi
  say "C++ runtime $(libstdcxx_path) lacks $REQUIRED_GLIBCXX, which TorchSharp's native library needs."
  local need="a libstdc++ from GCC 13 or newer (one that provides $REQUIRED_GLIBCXX)"
  [ -r /etc/os-release ] && . /etc/os-release
  if [ "${ID:-}" != "debian" ] || ! command -v apt-get >/dev/null 2>&1; then
    die "this system (${PRETTY_NAME:-unknown}) is not Debian with apt, so the automatic fix does not apply. Install $need, then run this script again."
  fi
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -r "$keyring" ] || die "the Debian archive keyring $keyring is missing (package debian-archive-keyring). Install it, or install $need yourself."
  local uri
  uri=$(debian_mirror_uri | head -n 1)
  [ -n "$uri" ] || die "could not read the Debian mirror from /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list. Install $need yourself."
  say "adding the Debian 13 (trixie) suite from this machine's own mirror ($uri) at low priority: $SUITE_FILE, $PIN_FILE"
  as_root tee "$SUITE_FILE" >/dev/null <<SRC
Types: deb
URIs: $uri
Suites: trixie
Components: main
Signed-By: $keyring
SRC
  as_root tee "$PIN_FILE" >/dev/null <<PIN
# Added by SimSid.NET setup: only packages asked for with -t trixie come from trixie.
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  say "apt-get update"
  as_root apt-get update -qq
  say "installing trixie's libstdc++6 (apt-get install -t trixie libstdc++6)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  as_root ldconfig
  has_required_glibcxx || die "libstdc++6 from trixie was installed but $(libstdcxx_path) still lacks $REQUIRED_GLIBCXX. Install $need yourself."
  say "C++ runtime fixed: $(libstdcxx_path) now provides $REQUIRED_GLIBCXX"
}

check_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not installed. Install the .NET 10 SDK from Microsoft's .NET download page or your distribution's packages, then run this script again."
  local major
  major=$(dotnet --version 2>/dev/null | cut -d. -f1)
  [ "${major:-0}" -ge 10 ] || die "the .NET SDK is version $(dotnet --version); SimSid.NET needs .NET 10 or newer."
  say ".NET SDK $(dotnet --version) found"
}

main() {
  case "$(uname -s)" in
    Linux) fix_libstdcxx ;;
    *) say "not Linux: no C++ runtime fix needed" ;;
  esac
  check_dotnet
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  say "restoring NuGet packages (dotnet restore SimSid.sln)"
  dotnet restore "$root/SimSid.sln" --verbosity quiet
  say "setup complete"
}

main "$@"
