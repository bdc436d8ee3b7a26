# The loopback receiver helper library, shared by tests/outbox and tests/upload.
include_guard(GLOBAL)
add_library(guichet_test_receivers STATIC ${CMAKE_CURRENT_LIST_DIR}/receiver_process.cpp)
target_include_directories(guichet_test_receivers PUBLIC ${GUICHET_ROOT})
target_compile_definitions(guichet_test_receivers PRIVATE GUICHET_SOURCE_DIR="${GUICHET_ROOT}")
target_link_libraries(guichet_test_receivers PUBLIC nlohmann_json::nlohmann_json)
