# Report tests (issue 2, section 5): SARIF output validated against the SARIF 2.1.0 schema.
# Included by tests/CMakeLists.txt. The schema lives outside the repository, in ../shared; when it
# is missing the validation tests are reported as skipped (exit code 77) with the reason.
get_filename_component(REPORTS_REPO_ROOT ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
get_filename_component(REPORTS_SHARED_DIR ${REPORTS_REPO_ROOT}/../shared ABSOLUTE)
set(REPORTS_SCHEMA ${REPORTS_SHARED_DIR}/sarif/sarif-schema-2.1.0.json)
set(REPORTS_VALIDATE ${REPORTS_REPO_ROOT}/tests/sarif_validate.py)
set(REPORTS_OUT ${CMAKE_CURRENT_BINARY_DIR}/reports)
file(MAKE_DIRECTORY ${REPORTS_OUT})

find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  message(WARNING "python3 not found: the SARIF schema validation tests are not added")
  return()
endif()

# Validates FILE after the test named by SETUP has written it.
function(reports_validate_sarif name file setup min_results)
  add_test(NAME ${name}
           COMMAND ${Python3_EXECUTABLE} ${REPORTS_VALIDATE} --schema ${REPORTS_SCHEMA}
                   --min-results ${min_results} ${file})
  set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED ${setup} SKIP_RETURN_CODE 77
                                          LABELS "reports;sarif")
endfunction()

# 1. A hand-built report that uses every SARIF feature (fixes, related locations, UTF-16
#    columns, percent-encoded URIs), written by a unit test case.
if(TARGET unit_tests)
  add_test(NAME reports.sarif_sample.write
           COMMAND ${CMAKE_COMMAND} -E env DIGESTLINT_SARIF_SAMPLE=${REPORTS_OUT}/sample.sarif
                   $<TARGET_FILE:unit_tests> "--test-case=sarif: write sample for schema validation")
  set_tests_properties(reports.sarif_sample.write PROPERTIES FIXTURES_SETUP reports_sarif_sample)
  reports_validate_sarif(reports.sarif_sample.validate ${REPORTS_OUT}/sample.sarif
                         reports_sarif_sample 1)
endif()

# 2. The CLI end to end: `digestlint check --format sarif` over the fixtures and the shared digests.
if(TARGET digestlint)
  if(EXISTS ${REPORTS_REPO_ROOT}/fixtures)
    add_test(NAME reports.sarif_fixtures.write
             COMMAND $<TARGET_FILE:digestlint> check --format sarif --fail-on never
                     --output ${REPORTS_OUT}/fixtures.sarif ${REPORTS_REPO_ROOT}/fixtures
             WORKING_DIRECTORY ${REPORTS_REPO_ROOT})
    set_tests_properties(reports.sarif_fixtures.write PROPERTIES FIXTURES_SETUP
                                                                 reports_sarif_fixtures)
    reports_validate_sarif(reports.sarif_fixtures.validate ${REPORTS_OUT}/fixtures.sarif
                           reports_sarif_fixtures 1)
  endif()
  if(EXISTS ${REPORTS_SHARED_DIR}/digests)
    add_test(NAME reports.sarif_shared_digests.write
             COMMAND $<TARGET_FILE:digestlint> check --format sarif --fail-on never
                     --output ${REPORTS_OUT}/shared_digests.sarif ${REPORTS_SHARED_DIR}/digests
             WORKING_DIRECTORY ${REPORTS_REPO_ROOT})
    set_tests_properties(reports.sarif_shared_digests.write PROPERTIES FIXTURES_SETUP
                                                                       reports_sarif_shared)
    reports_validate_sarif(reports.sarif_shared_digests.validate
                           ${REPORTS_OUT}/shared_digests.sarif reports_sarif_shared 0)
  else()
    add_test(NAME reports.sarif_shared_digests.validate
             COMMAND ${Python3_EXECUTABLE} -c
                     "print('SKIP: ${REPORTS_SHARED_DIR}/digests is missing'); raise SystemExit(77)")
    set_tests_properties(reports.sarif_shared_digests.validate PROPERTIES SKIP_RETURN_CODE 77)
  endif()
endif()
