# The shared corpus of real digests of every era (../shared/corpus): plain --fix loses nothing.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME corpus-fix-safety
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/corpus_fix_check.py
                 $<TARGET_FILE:digestlint> ${DIGESTLINT_SHARED_DIR}/corpus)
set_tests_properties(corpus-fix-safety PROPERTIES SKIP_RETURN_CODE ${DIGESTLINT_SKIP_CODE}
                                                  TIMEOUT 600)
