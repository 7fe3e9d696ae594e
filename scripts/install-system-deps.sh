#!/usr/bin/env bash
# Installs the Debian packages the tests need, when one is missing:
#   chromium (browser tests), sip-tester (SIPp: SIP tests), espeak-ng and sox (prompts, test
#   audio), libsox-fmt-mp3 (MP3 sound uploads are converted with sox).
# Needs root (or sudo). Does nothing when everything is already there.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v sipp >/dev/null || missing+=(sip-tester)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v sox >/dev/null || missing+=(sox)
{ command -v sox >/dev/null && sox -h 2>/dev/null | grep -q '\bmp3\b'; } || missing+=(libsox-fmt-mp3)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" > /tmp/relais-apt.log 2>&1 || { tail -30 /tmp/relais-apt.log; exit 1; }
