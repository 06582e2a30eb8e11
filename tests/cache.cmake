# The result cache (docs/cache.md): warm runs report byte for byte what cold runs do, every input
# of a result invalidates it, --no-cache writes nothing, concurrent runs share a directory.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME cache COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cache_test.py
                            $<TARGET_FILE:digestlint> ${CMAKE_SOURCE_DIR}/fixtures
                            ${DIGESTLINT_SHARED_DIR}/corpus/daily_papers_ko)
set_tests_properties(cache PROPERTIES TIMEOUT 300)
