# Precompiled headers (issue 13: CI from an empty cache must fit in 45 minutes on 2 cores).
#   guichet_pch_lib   the standard headers most files use + nlohmann/json: every area
#                     library (guichet_area_library) and guichetctl reuse it
#   guichet_pch_test  the same + Catch2: every test binary (guichet_add_test) reuses it
# A target reuses one of them with guichet_use_pch(TARGET lib|test): one PCH per build
# folder (the flags are set for the whole project, so they match; the compiler checks it).
#
# ON by default with clang only (the fuzz build), OFF with GCC. Measured on this machine
# (user+sys CPU of one file, ccache off, each file built without and with the PCH in turn,
# docs/notes/turn-4/h13b.md):
#   clang (fuzz flags)  kiosk/procedures/condition.cpp 8.0 -> 5.8 s, kiosk/outbox/sqlite_db.cpp
#                       1.2 -> 1.0 s: clang's PCH (26 MB) is read lazily, every file gains.
#   GCC -O2 -g          condition.cpp 7.6 -> 7.3 s, tests/procedures/test_conditions.cpp
#                       7.7 -> 7.5 s, but sqlite_db.cpp 1.3 -> 2.8 s and
#                       tests/outbox/ctl_runner.cpp 3.9 -> 4.7 s: GCC loads its whole PCH
#                       (128 MB, 141 MB with Catch2) into every file, ~1.5 s each; over 10
#                       files picked at random the build was 17 % slower with it.
# toml++ is in neither: it is compiled as a library (TOML_HEADER_ONLY=0) and ~20 files use it.
# Sources never rely on the PCH for an include: the GCC builds (PCH off) check that.
#
# ccache caches files built with a PCH only with sloppiness pch_defines,time_macros
# (ccache manual, "Precompiled headers"; no source here uses __DATE__/__TIME__): when the
# launcher is ccache, the build sets CCACHE_SLOPPINESS for its own compiles, so that CI,
# scripts and a hand-made build folder all cache them. CMake passes the PCH with
# `-include` (GCC) or -include-pch (clang, which also needs -fno-pch-timestamp, set below).
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(_guichet_pch_default ON)
else()
  set(_guichet_pch_default OFF)
endif()
option(GUICHET_PCH "Precompiled headers for the standard library, nlohmann/json and Catch2" ${_guichet_pch_default})

if(GUICHET_PCH)
  foreach(_lang C CXX)
    if(CMAKE_${_lang}_COMPILER_LAUNCHER MATCHES "ccache")
      set(CMAKE_${_lang}_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env
          "CCACHE_SLOPPINESS=pch_defines,time_macros"
          ${CMAKE_${_lang}_COMPILER_LAUNCHER})
    endif()
  endforeach()

  # SDL2's pkg-config flags define _REENTRANT, which glibc's headers look at: GCC refuses a
  # PCH built without it in a file built with it (and the other way round) and parses the
  # headers again (-Winvalid-pch: "not used because `_REENTRANT' is defined"). Defined for
  # every file, as -pthread does: harmless, g++ defines _GNU_SOURCE, which already selects a
  # newer POSIX level than the one _REENTRANT asks for (glibc 2.36 features.h).
  add_compile_definitions(_REENTRANT)

  set(_guichet_pch_std
    <algorithm> <atomic> <chrono> <cstdint> <cstdio> <cstring> <filesystem> <fstream>
    <functional> <map> <memory> <mutex> <optional> <set> <span> <sstream> <string>
    <string_view> <thread> <vector>)

  set(_pch_stub ${CMAKE_BINARY_DIR}/guichet_pch_stub.cpp)
  file(WRITE ${_pch_stub} "// Only here so that the precompiled-header targets have a source.\n")

  add_library(guichet_pch_lib OBJECT ${_pch_stub})
  target_link_libraries(guichet_pch_lib PRIVATE nlohmann_json::nlohmann_json)
  # The stub is C++ only, so the PCH is C++ only: a C file of a reusing target gets none.
  target_precompile_headers(guichet_pch_lib PRIVATE ${_guichet_pch_std} <nlohmann/json.hpp>)

  if(GUICHET_TESTS)
    add_library(guichet_pch_test OBJECT ${_pch_stub})
    target_link_libraries(guichet_pch_test PRIVATE nlohmann_json::nlohmann_json Catch2::Catch2)
    target_precompile_headers(guichet_pch_test PRIVATE ${_guichet_pch_std} <nlohmann/json.hpp> <catch2/catch.hpp>)
  endif()

  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # Clang stamps the PCH with its build time unless told not to, which ccache refuses.
    foreach(_t guichet_pch_lib guichet_pch_test)
      if(TARGET ${_t})
        target_compile_options(${_t} PUBLIC "$<$<COMPILE_LANGUAGE:CXX>:SHELL:-Xclang -fno-pch-timestamp>")
      endif()
    endforeach()
  endif()
endif()

# guichet_use_pch(TARGET lib|test): the target's C++ files start from that PCH.
function(guichet_use_pch target kind)
  if(GUICHET_PCH AND TARGET guichet_pch_${kind})
    set_target_properties(${target} PROPERTIES PRECOMPILE_HEADERS_REUSE_FROM guichet_pch_${kind})
    if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
      target_compile_options(${target} PRIVATE "$<$<COMPILE_LANGUAGE:CXX>:SHELL:-Xclang -fno-pch-timestamp>")
    endif()
  endif()
endfunction()
