# Golden output of the human, JSON and GitHub formats (tests/data/golden).
add_test(NAME golden-output COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/golden_test.py
                                    $<TARGET_FILE:digestlint>)
