# Issue #11: lint time grows linearly with each hostile input shape (hostile_shapes_test.py).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME hostile-shapes
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/hostile_shapes_test.py
                 $<TARGET_FILE:digestlint>)
# Timing ratios need the machine to themselves; sanitized builds measure smaller inputs.
set_tests_properties(hostile-shapes PROPERTIES RUN_SERIAL TRUE TIMEOUT 600)
if(DIGESTLINT_SANITIZE OR DIGESTLINT_FUZZ)
  set_tests_properties(hostile-shapes PROPERTIES ENVIRONMENT DIGESTLINT_SANITIZED=1)
endif()
# The same shapes by instruction counts (callgrind), which a busy machine does not change. Not
# under the sanitizers: valgrind cannot run an ASan binary.
if(NOT (DIGESTLINT_SANITIZE OR DIGESTLINT_FUZZ))
  add_test(NAME hostile-shapes-instructions
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/hostile_shapes_test.py
                   --instructions $<TARGET_FILE:digestlint>)
  set_tests_properties(hostile-shapes-instructions PROPERTIES TIMEOUT 1200 PROCESSORS 2
                       SKIP_RETURN_CODE ${DIGESTLINT_SKIP_CODE})
endif()
# bench/micro.cpp times the summary verdicts' hot functions (bench/micro.py); here it runs each
# once over the sample digests, so that it keeps working.
add_test(NAME bench-micro-runs COMMAND digestlint_micro ${CMAKE_SOURCE_DIR}/fixtures --repeat 1)
