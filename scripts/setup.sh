#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine: Debian packages, the imgui 1.86 and
# SDL2 2.26.5 sources (from Debian's source packages), SDL2 built for WASM, a writable
# Emscripten cache and the npm tools of the browser tests. Everything third-party lands
# in the git-ignored .deps/. A second run checks and returns in seconds.
# sanitize: only what the clang-14 sanitizer and libFuzzer builds need (no UI sources).
# Usage: scripts/setup.sh [native|web|all|sanitize]   (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DEPS=$ROOT/.deps
WHAT=${1:-all}
mkdir -p "$DEPS"

SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
log() { printf '[setup] %s\n' "$*"; }

NATIVE_PKGS="cmake ninja-build g++ make libeigen3-dev doctest-dev libsdl2-dev zlib1g-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core fonts-roboto-unhinted"
# The browser tests run in Chromium, Firefox (firefox-esr) and WebKit (webkit2gtk-driver: WebKitWebDriver,
# and MiniBrowser with libwebkit2gtk-4.1-0); Firefox and WebKit draw on Xvfb (NATIVE_PKGS).
WEB_PKGS="emscripten chromium firefox-esr webkit2gtk-driver python3 nodejs"
# ASan/UBSan/libFuzzer runtimes come with libclang-rt-14-dev; llvm-14 has llvm-symbolizer-14.
SANITIZE_PKGS="cmake ninja-build make libeigen3-dev doctest-dev clang-14 libclang-rt-14-dev llvm-14"

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  # Node may come from outside Debian: do not replace a working node.
  if [ "${missing[*]}" = "nodejs" ] && command -v node >/dev/null; then return 0; fi
  local filtered=()
  for p in "${missing[@]}"; do
    if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
    filtered+=("$p")
  done
  log "installing Debian packages: ${filtered[*]}"
  if [ $apt_updated = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${filtered[@]}" >/dev/null
}

# imgui 1.86 and SDL2 2.26.5 sources, from Debian's source packages.
fetch_sources() {
  [ -f "$DEPS/imgui-1.86/imgui.cpp" ] && [ -f "$DEPS/SDL2-2.26.5/CMakeLists.txt" ] && return 0
  if ! ls /etc/apt/sources.list.d/*src* >/dev/null 2>&1 && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    log "enabling Debian source entries"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      | $SUDO tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
    apt_updated=0
  fi
  if [ $apt_updated = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  command -v dpkg-source >/dev/null || apt_install dpkg-dev
  mkdir -p "$DEPS/src" && cd "$DEPS/src"
  log "downloading imgui and libsdl2 source packages"
  apt-get source --download-only imgui libsdl2 >/dev/null 2>&1
  cd "$DEPS"
  tar xf src/imgui_1.86*.orig.tar.xz
  tar xf src/libsdl2_2.26.5*.orig.tar.gz
  cd "$ROOT"
  [ -f "$DEPS/imgui-1.86/imgui.cpp" ] || { echo "setup: imgui-1.86 sources missing after unpack" >&2; exit 1; }
  [ -f "$DEPS/SDL2-2.26.5/CMakeLists.txt" ] || { echo "setup: SDL2-2.26.5 sources missing after unpack" >&2; exit 1; }
}

# Emscripten 3.1.6 traps (docs/toolchain.md): writable cache, acorn via NODE_PATH.
emscripten_cache() {
  [ -f "$DEPS/em-cache/.done" ] && return 0
  log "copying the Emscripten cache to a writable folder"
  rm -rf "$DEPS/em-cache" && cp -r /usr/share/emscripten/cache "$DEPS/em-cache" && touch "$DEPS/em-cache/.done"
}

# SDL2 for WASM, built with its own CMake (the -sUSE_SDL=2 port cannot be used offline).
sdl2_wasm() {
  [ -f "$DEPS/sdl2-wasm/libSDL2.a" ] && return 0
  log "building SDL2 2.26.5 for WASM (about a minute)"
  # shellcheck source=/dev/null
  . "$ROOT/scripts/em-env.sh"
  emcmake cmake -S "$DEPS/SDL2-2.26.5" -B "$DEPS/sdl2-wasm" -DSDL_SHARED=OFF -DSDL_STATIC=ON \
    -DSDL_TEST=OFF -DCMAKE_BUILD_TYPE=Release >"$DEPS/sdl2-wasm.log" 2>&1
  cmake --build "$DEPS/sdl2-wasm" -j"$(nproc)" >>"$DEPS/sdl2-wasm.log" 2>&1 \
    || { tail -20 "$DEPS/sdl2-wasm.log"; exit 1; }
}

# Eigen with WASM SIMD (docs/toolchain.md "Eigen on WASM SIMD"): em++ -msimd128 -msse2
# maps Eigen's SSE path onto WASM SIMD after two fixes, made here on a copy of Debian's
# Eigen 3.4 in .deps/eigen-wasm/ (the top-level CMakeLists.txt uses it for em++ only):
# an empty mmintrin.h (Emscripten has none; nothing of MMX is used) and, in SSE/PacketMath.h,
# EIGEN_COMP_GNUC_STRICT for EIGEN_COMP_GNUC (clang reports GNUC 4.2 and would get x86 asm).
eigen_wasm() {
  local dst=$DEPS/eigen-wasm pm=Eigen/src/Core/arch/SSE/PacketMath.h
  [ -f "$dst/.done" ] && return 0
  log "copying Eigen for the WASM SIMD build"
  rm -rf "$dst" && mkdir -p "$dst"
  cp -r /usr/include/eigen3/Eigen "$dst/"
  sed -i 's/EIGEN_COMP_GNUC && EIGEN_COMP_GNUC < 63/EIGEN_COMP_GNUC_STRICT \&\& EIGEN_COMP_GNUC < 63/' "$dst/$pm"
  if grep -q 'EIGEN_COMP_GNUC && EIGEN_COMP_GNUC < 63' "$dst/$pm" || ! grep -q 'EIGEN_COMP_GNUC_STRICT && EIGEN_COMP_GNUC < 63' "$dst/$pm"; then
    echo "setup: patching $pm failed (Eigen version changed?)" >&2; exit 1
  fi
  printf '/* Empty: Emscripten has no MMX header; Eigen includes it but uses nothing from it. */\n' >"$dst/mmintrin.h"
  touch "$dst/.done"
}

# playwright-core drives Debian's chromium in the browser tests, puppeteer-core its firefox-esr
# (WebDriver BiDi), selenium-webdriver WebKitWebDriver; axe-core checks the pages' accessibility.
npm_tools() {
  local m=$ROOT/web/node_modules
  [ -d "$m/playwright-core" ] && [ -d "$m/axe-core" ] && [ -d "$m/puppeteer-core" ] && [ -d "$m/selenium-webdriver" ] && return 0
  log "installing playwright-core, puppeteer-core, selenium-webdriver and axe-core from npm"
  (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
}

if [ "$WHAT" = sanitize ]; then
  apt_install $SANITIZE_PKGS
  log "ready (sanitize)"
  exit 0
fi
apt_install $NATIVE_PKGS
fetch_sources
if [ "$WHAT" != native ]; then
  apt_install $WEB_PKGS
  emscripten_cache
  eigen_wasm
  sdl2_wasm
  npm_tools
fi
log "ready ($WHAT)"
