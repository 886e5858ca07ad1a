# Sourced before any em++/emcmake call: works around Debian Emscripten 3.1.6's frozen
# cache and its missing acorn (see docs/toolchain.md).
_bp_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export EM_CACHE="$_bp_root/.deps/em-cache"
export EM_FROZEN_CACHE=
export NODE_PATH=/usr/share/nodejs
