# embed_bytes(INPUT BYTES_VAR SIZE_VAR): INPUT's bytes as C array initialiser text
# ("0x7b,0x0a,...", 16 a line) and their count. Shared by embed_file.cmake (fonts) and
# embed_assets.cmake (assets/lessons/*.json, assets/messages/*.json).
function(embed_bytes input bytes_var size_var)
  file(READ "${input}" hex HEX)
  string(LENGTH "${hex}" hex_len)
  math(EXPR size "${hex_len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  set(${bytes_var} "${bytes}" PARENT_SCOPE)
  set(${size_var} "${size}" PARENT_SCOPE)
endfunction()
