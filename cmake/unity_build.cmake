# Unity batches for the sanitizer and fuzz builds of CI (issue 13: four builds of the
# project and their tests in 45 minutes on 2 cores). Configured with
# -DCMAKE_UNITY_BUILD=ON (.ci/parts.sh, scripts/fuzz-build.sh), each target compiles its
# sources 8 at a time in one translation unit: the standard library, nlohmann/json and
# Catch2 templates are instantiated once a batch instead of once a file. Measured on the
# clang ASan build (docs/notes/turn-7/lead.md). The normal build (scripts/test.sh) compiles
# file by file, as a developer does: it is the one that proves each file includes what it uses.
#
# A file whose file-local names collide with another's of the same target (two
# `namespace { struct Options }`, two `kPatterns` tables) is compiled on its own below.
# A new collision shows as "redefinition of" in a unity build: add the file here.
set(_guichet_alone
  drivers/emulators/printer/barcode_codabar.cpp
  drivers/emulators/printer/barcode_code128.cpp
  drivers/emulators/printer/barcode_code39.cpp
  drivers/emulators/printer/barcode_code93.cpp
  drivers/payment/usb_cdc_link.cpp
  kiosk/catalogue_import/wcs_import.cpp
  ui/speech/speech_steps.cpp
  ui/speech/speech_walk_steps.cpp
  tests/card/test_card_service.cpp
  tests/card/test_card_procedure.cpp
  tests/printer/test_printer_barcodes.cpp
  tests/printer/test_printer_graphics.cpp
  tests/procedures/test_receipts.cpp
  tests/procedures/test_wizard_devices.cpp
  tests/procedures/test_wizard_payment_step.cpp
  tests/procedures/test_wizard_session.cpp
  tests/upload/test_connector_checks.cpp
  tests/upload/test_webhook_document.cpp
)
if(CMAKE_UNITY_BUILD)
  # guichetctl: one file a command, each with its own `Options` and `usage()`.
  set_target_properties(guichetctl PROPERTIES UNITY_BUILD OFF)
  foreach(_file ${_guichet_alone})
    get_filename_component(_dir ${CMAKE_SOURCE_DIR}/${_file} DIRECTORY)
    if(_file MATCHES "^tests/" AND NOT GUICHET_TESTS)
      continue()  # the fuzz build adds no test folder
    endif()
    if(EXISTS ${_dir}/CMakeLists.txt)
      set_source_files_properties(${CMAKE_SOURCE_DIR}/${_file} DIRECTORY ${_dir}
                                  PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
    endif()
  endforeach()
endif()
