// bp_memory for window.bp.memory() (web/bp.js): the WASM heap as the browser sees it
// (the memory's size, which only grows) and what malloc has handed out and not taken back
// (mallinfo's uordblks), so a long session (scripts/soak-browser.js) can show it stays flat.
#include <emscripten.h>
#include <malloc.h>

#include <string>

#include "json.h"

namespace {
std::string g_memory;  // the last string handed to JS (valid until the next call)
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* bp_memory() {
    const struct mallinfo m = mallinfo();
    bp::Json out = bp::Json::object();
    out.set("heapBytes", double(EM_ASM_DOUBLE({ return HEAP8.length; })));
    out.set("mallocInUse", double(m.uordblks));
    g_memory = out.dump();
    return g_memory.c_str();
}
