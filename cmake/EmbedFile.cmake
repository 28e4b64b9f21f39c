# Turns one data file into a C++ source that holds its text, so that the plugin,
# the clang-tidy module and the tool carry the built-in data with them and never
# depend on where the source tree is at run time. The data stays a data file;
# this is only how it travels.
#
# Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -P EmbedFile.cmake
file(READ "${INPUT}" content)
string(FIND "${content}" ")pcdata\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )pcdata\"")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/EmbedFile.cmake. Do not edit.\n"
  "#include \"llvm/ADT/StringRef.h\"\n"
  "namespace policycheck::builtin {\n"
  "extern const llvm::StringRef ${SYMBOL};\n"
  "const llvm::StringRef ${SYMBOL} = R\"pcdata(${content})pcdata\";\n"
  "} // namespace policycheck::builtin\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
