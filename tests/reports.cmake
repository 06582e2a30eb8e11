# Report tests: SARIF output validated against the SARIF 2.1.0 schema in ../shared (when the
# schema is missing, sarif_validate.py reports the tests as skipped with the reason).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(REPORTS_OUT ${CMAKE_CURRENT_BINARY_DIR}/reports)
file(MAKE_DIRECTORY ${REPORTS_OUT})

# NAME.write runs COMMAND…, which writes OUT/NAME.sarif; NAME.validate then checks it against the
# schema and requires at least MIN results.
function(reports_sarif name min)
  add_test(NAME reports.${name}.write COMMAND ${ARGN} WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(reports.${name}.write PROPERTIES FIXTURES_SETUP reports_${name})
  add_test(NAME reports.${name}.validate
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/sarif_validate.py
                   --schema ${DIGESTLINT_SHARED_DIR}/sarif/sarif-schema-2.1.0.json
                   --min-results ${min} ${REPORTS_OUT}/${name}.sarif)
  set_tests_properties(reports.${name}.validate PROPERTIES FIXTURES_REQUIRED reports_${name}
                       SKIP_RETURN_CODE ${DIGESTLINT_SKIP_CODE} LABELS "reports;sarif")
endfunction()

# A hand-built report that uses every SARIF feature (fixes, related locations, UTF-16 columns,
# percent-encoded URIs), written by a unit test case.
reports_sarif(sarif_sample 1 ${CMAKE_COMMAND} -E env DIGESTLINT_SARIF_SAMPLE=${REPORTS_OUT}/sarif_sample.sarif
              $<TARGET_FILE:unit_tests> "--test-case=sarif: write sample for schema validation")
# The CLI end to end over the fixtures and, when ../shared is there, the real digests.
reports_sarif(sarif_fixtures 1 $<TARGET_FILE:digestlint> check --format sarif --fail-on never
              --output ${REPORTS_OUT}/sarif_fixtures.sarif ${CMAKE_SOURCE_DIR}/fixtures)
if(EXISTS ${DIGESTLINT_SHARED_DIR}/digests)
  reports_sarif(sarif_shared_digests 1 $<TARGET_FILE:digestlint> check --format sarif --fail-on never
                --output ${REPORTS_OUT}/sarif_shared_digests.sarif ${DIGESTLINT_SHARED_DIR}/digests)
else()
  add_test(NAME reports.sarif_shared_digests.validate
           COMMAND ${Python3_EXECUTABLE} -c
                   "print('SKIP: ${DIGESTLINT_SHARED_DIR}/digests is missing'); raise SystemExit(77)")
  set_tests_properties(reports.sarif_shared_digests.validate PROPERTIES SKIP_RETURN_CODE
                       ${DIGESTLINT_SKIP_CODE})
endif()
