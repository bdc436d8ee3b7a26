# Writes the build's version header (run at every build by kiosk/version): GUICHET_VERSION
# when given (the package passes its Debian version), else `git describe` of the source
# tree, else the project version. The file is rewritten only when the text changes, so an
# unchanged version recompiles nothing.
if(FORCED)
  set(_v "${FORCED}")
else()
  execute_process(COMMAND git -C "${SRC}" describe --tags --always --dirty
                  OUTPUT_VARIABLE _git OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  execute_process(COMMAND git -C "${SRC}" rev-list --count HEAD
                  OUTPUT_VARIABLE _count OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(_rc EQUAL 0 AND _git)
    # No tags yet: "0.1+<commits>.g<hash>" sorts like the package version package.sh makes.
    if(_git MATCHES "^[0-9a-f]+(-dirty)?$")
      set(_v "${BASE}+${_count}.g${_git}")
    else()
      set(_v "${_git}")
    endif()
  else()
    set(_v "${BASE}")
  endif()
endif()
set(_text "#pragma once\n#define GUICHET_VERSION_STRING \"${_v}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" _old)
else()
  set(_old "")
endif()
if(NOT _old STREQUAL _text)
  file(WRITE "${OUT}" "${_text}")
endif()
