# Summary quality: precision and recall of summary/generic-template and summary/title-mismatch on
# the labelled shared digests and on a rotated set built from them at test time
# (tests/summary_quality/eval.py prints the table; docs/summary-quality.md records it).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME summary-quality
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/summary_quality/eval.py
                   --binary $<TARGET_FILE:digestlint> --shared ${DIGESTLINT_SHARED_DIR} --min 0.9)
  set_tests_properties(summary-quality PROPERTIES SKIP_RETURN_CODE ${DIGESTLINT_SKIP_CODE})
endif()
