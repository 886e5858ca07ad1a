# cmake -DINPUT=<file> -DOUTPUT=<file.cpp> -DSYMBOL=<name> -P embed_file.cmake
# Writes a C++ source defining bp::<SYMBOL>_data[] and bp::<SYMBOL>_size with INPUT's bytes.
include(${CMAKE_CURRENT_LIST_DIR}/embed_bytes.cmake)
embed_bytes("${INPUT}" bytes size)
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} at build time; do not edit.\n#include <cstddef>\nnamespace bp {\nextern const unsigned char ${SYMBOL}_data[] = {\n${bytes}\n};\nextern const std::size_t ${SYMBOL}_size = ${size};\n}\n")
