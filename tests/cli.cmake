# End-to-end CLI behaviour: exit codes, bad input, formats, config, suppressions, baselines, fixes.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME cli COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cli_test.py
                          $<TARGET_FILE:digestlint> ${CMAKE_SOURCE_DIR}/fixtures)
