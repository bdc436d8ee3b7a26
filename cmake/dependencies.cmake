# Every dependency comes from Debian 12's packages (scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
pkg_check_modules(LIBUSB REQUIRED IMPORTED_TARGET libusb-1.0)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(ESPEAK REQUIRED IMPORTED_TARGET espeak-ng)
pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)
pkg_check_modules(TURBOJPEG REQUIRED IMPORTED_TARGET libturbojpeg)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(GL REQUIRED IMPORTED_TARGET gl)
pkg_check_modules(LIBSYSTEMD REQUIRED IMPORTED_TARGET libsystemd)   # sd_notify: READY, WATCHDOG
pkg_check_modules(UMOCKDEV IMPORTED_TARGET umockdev-1.0)
find_package(nlohmann_json 3 REQUIRED)
find_package(Catch2 2 REQUIRED)

# Dear ImGui 1.86 from libimgui-dev: core + SDL/GL backends in libimgui.a. FreeType must be
# linked after it (PITFALLS.md), hence an INTERFACE dependency of our imgui target.
pkg_check_modules(IMGUI REQUIRED imgui)
find_path(IMGUI_BACKENDS_DIR backends/imgui_impl_sdl.h PATHS ${IMGUI_INCLUDE_DIRS} /usr/include/imgui REQUIRED)
add_library(guichet_imgui INTERFACE)
target_include_directories(guichet_imgui INTERFACE ${IMGUI_INCLUDE_DIRS} ${IMGUI_BACKENDS_DIR} ${IMGUI_BACKENDS_DIR}/backends)
target_link_libraries(guichet_imgui INTERFACE ${IMGUI_LINK_LIBRARIES} PkgConfig::FREETYPE PkgConfig::SDL2 PkgConfig::GL ${CMAKE_DL_LIBS})

# The SDL_Renderer backend is not in libimgui.a: compile it from the package's examples.
find_file(IMGUI_SDLRENDERER_SRC imgui_impl_sdlrenderer.cpp
          PATHS /usr/share/doc/libimgui-dev/examples/backends NO_DEFAULT_PATH)
if(NOT IMGUI_SDLRENDERER_SRC)
  execute_process(COMMAND sh -c "dpkg -L libimgui-dev | grep 'imgui_impl_sdlrenderer.cpp$' | head -n1"
                  OUTPUT_VARIABLE IMGUI_SDLRENDERER_SRC OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
if(NOT IMGUI_SDLRENDERER_SRC)
  message(FATAL_ERROR "imgui_impl_sdlrenderer.cpp not found in libimgui-dev (run scripts/install-deps.sh)")
endif()
add_library(guichet_imgui_sdlrenderer STATIC ${IMGUI_SDLRENDERER_SRC})
target_link_libraries(guichet_imgui_sdlrenderer PUBLIC guichet_imgui)
target_compile_options(guichet_imgui_sdlrenderer PRIVATE -w)

find_program(MSGFMT_EXECUTABLE msgfmt REQUIRED)
find_program(UMOCKDEV_WRAPPER umockdev-wrapper)
