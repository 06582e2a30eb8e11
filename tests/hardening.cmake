# Regression tests for issue #10: no crash, no silent failure, no surprise (hardening_test.py).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME hardening COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/hardening_test.py
                                $<TARGET_FILE:digestlint> ${CMAKE_SOURCE_DIR})
