# Online checks (docs/online.md) against tests/fake_server.py on 127.0.0.1: no test reaches the
# internet. Each scenario starts its own server and cache directory.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
foreach(scenario fixtures e2e batching faults cache-only concurrent config lsp limits
                 deadline)
  add_test(NAME online-${scenario}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/online_test.py
                   $<TARGET_FILE:digestlint> ${CMAKE_SOURCE_DIR} ${scenario})
endforeach()
add_test(NAME online-shared
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/online_test.py
                 $<TARGET_FILE:digestlint> ${CMAKE_SOURCE_DIR} shared ${DIGESTLINT_SHARED_DIR})
set_tests_properties(online-shared PROPERTIES SKIP_RETURN_CODE ${DIGESTLINT_SKIP_CODE})
