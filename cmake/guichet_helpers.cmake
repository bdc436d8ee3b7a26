# Small helpers so that each area's CMakeLists.txt stays a few lines long.

# Adds every CMakeLists.txt-bearing child folder of the current folder: an area added by
# one person never needs an edit in a file another person owns.
macro(guichet_add_child_dirs)
  file(GLOB _children LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT _children)
  foreach(_child ${_children})
    if(IS_DIRECTORY ${_child} AND EXISTS ${_child}/CMakeLists.txt)
      add_subdirectory(${_child})
    endif()
  endforeach()
endmacro()

# guichet_area_library(NAME LAYER drivers|kiosk|ui [LINKS lib...]) — a static library of
# the folder's *.cpp, added to its layer's aggregate target (guichet_drivers, guichet_core,
# guichet_ui). An area links only what it uses, from its own layer or the ones below.
function(guichet_area_library name)
  cmake_parse_arguments(ARG "" "LAYER" "LINKS" ${ARGN})
  set_property(GLOBAL APPEND PROPERTY GUICHET_${ARG_LAYER}_LIBS ${name})
  file(GLOB _src CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(_src)
    add_library(${name} STATIC ${_src})
    target_include_directories(${name} PUBLIC ${GUICHET_ROOT})
    target_link_libraries(${name} PUBLIC ${ARG_LINKS})
    guichet_use_pch(${name} lib)
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${GUICHET_ROOT})
    target_link_libraries(${name} INTERFACE ${ARG_LINKS})
  endif()
endfunction()

# guichet_add_test(NAME SOURCES src... LINKS lib... [UMOCKDEV] [LABELS l...])
# A Catch2 test binary whose test cases are registered one by one in ctest as
# "area.what" names. UMOCKDEV runs it (and its discovery) under umockdev-wrapper.
function(guichet_add_test name)
  cmake_parse_arguments(ARG "UMOCKDEV" "" "SOURCES;LINKS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE guichet_catch_main ${ARG_LINKS})
  guichet_use_pch(${name} test)
  target_compile_definitions(${name} PRIVATE GUICHET_SOURCE_DIR="${GUICHET_ROOT}"
                                             GUICHET_BINARY_DIR="${CMAKE_BINARY_DIR}")
  if(ARG_UMOCKDEV)
    if(NOT UMOCKDEV_WRAPPER)
      message(FATAL_ERROR "umockdev-wrapper not found (run scripts/install-deps.sh)")
    endif()
    target_link_libraries(${name} PRIVATE PkgConfig::UMOCKDEV)
    set(_emu ${UMOCKDEV_WRAPPER})
    if(GUICHET_ASAN OR GUICHET_TSAN)
      # The sanitizer runtime must come first in LD_PRELOAD (PITFALLS.md).
      set(_emu ${CMAKE_SOURCE_DIR}/scripts/umockdev-asan-wrapper.sh)
    endif()
    set_target_properties(${name} PROPERTIES CROSSCOMPILING_EMULATOR "${_emu}")
  endif()
  # tests/support/skip.hpp: a case that cannot run here exits 77 and is reported as skipped.
  # Sanitizer builds run every test three times as long (a process start under ASan/TSan is
  # slow, and the crash test starts 440 of them): the same test, a later deadline.
  set(_timeout 300)
  if(GUICHET_ASAN OR GUICHET_TSAN)
    set(_timeout 900)
  endif()
  set(_props TIMEOUT ${_timeout} SKIP_RETURN_CODE 77)
  if(ARG_LABELS)
    list(APPEND _props LABELS "${ARG_LABELS}")
  endif()
  # --warn NoTests: a registered name that matches no test case fails instead of passing
  # having run nothing (a ';' in a name made ctest split it in two such halves, turn 6).
  catch_discover_tests(${name}
    TEST_PREFIX ""
    EXTRA_ARGS --warn NoTests
    PROPERTIES ${_props}
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endfunction()

# guichet_layer_aggregate(TARGET LAYER) — an INTERFACE target linking every area of a layer.
function(guichet_layer_aggregate target layer)
  get_property(_libs GLOBAL PROPERTY GUICHET_${layer}_LIBS)
  add_library(${target} INTERFACE)
  target_link_libraries(${target} INTERFACE ${_libs})
endfunction()

# guichet_add_exit_test(NAME name EXIT code MATCHES regex... COMMAND cmd args...
#                       [WORKING_DIRECTORY dir] [ENVIRONMENT "A=1;B=2"] [TIMEOUT s])
# A test that passes only when the command exits with `code` AND prints every regex
# (Python syntax). PASS_REGULAR_EXPRESSION alone would ignore the exit code.
function(guichet_add_exit_test)
  cmake_parse_arguments(ARG "" "NAME;EXIT;WORKING_DIRECTORY;TIMEOUT" "MATCHES;COMMAND;ENVIRONMENT" ${ARGN})
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  set(_cmd ${Python3_EXECUTABLE} ${GUICHET_ROOT}/tests/support/expect_exit.py --code ${ARG_EXIT})
  foreach(_m IN LISTS ARG_MATCHES)
    list(APPEND _cmd --match "${_m}")
  endforeach()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  if(GUICHET_ASAN OR GUICHET_TSAN)  # as above: slower under a sanitizer, not different
    math(EXPR ARG_TIMEOUT "${ARG_TIMEOUT} * 3")
  endif()
  list(APPEND _cmd --timeout ${ARG_TIMEOUT} -- ${ARG_COMMAND})
  if(NOT ARG_WORKING_DIRECTORY)
    set(ARG_WORKING_DIRECTORY ${GUICHET_ROOT})
  endif()
  add_test(NAME ${ARG_NAME} COMMAND ${_cmd} WORKING_DIRECTORY ${ARG_WORKING_DIRECTORY})
  math(EXPR _ctest_timeout "${ARG_TIMEOUT} + 10")
  set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${_ctest_timeout})
  if(ARG_ENVIRONMENT)
    set_tests_properties(${ARG_NAME} PROPERTIES ENVIRONMENT "${ARG_ENVIRONMENT}")
  endif()
endfunction()
