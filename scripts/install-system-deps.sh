#!/usr/bin/env bash
# Installs the Debian packages the tests need, when one is missing:
#   chromium (browser tests), sip-tester (SIPp: SIP tests), baresip-core (a real softphone:
#   registration, REFER transfers, hold), espeak-ng and sox (some tests make
#   audio with them, and one compares the espeak-ng binary with its WebAssembly build), and a C
#   compiler (gcc: npm install builds the media server's RTP kernel filter with it, and the
#   calls bench its light RTP caller; the node headers come with Node.js).
# Relais itself needs none of them: TTS runs on eSpeak NG's WebAssembly build from npm and
# WAV/MP3 sounds are converted in-process (libsox-fmt-mp3 is no longer needed).
# Needs root (or sudo). Does nothing when everything is already there.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v sipp >/dev/null || missing+=(sip-tester)
command -v baresip >/dev/null || missing+=(baresip-core)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v sox >/dev/null || missing+=(sox)
command -v cc >/dev/null || missing+=(gcc libc6-dev)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" > /tmp/relais-apt.log 2>&1 || { tail -30 /tmp/relais-apt.log; exit 1; }
