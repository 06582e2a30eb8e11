# Fixture expectations: each fixtures/**/*.md announces its findings in <!-- expect: … --> comments.
add_executable(fixture_check ${CMAKE_CURRENT_SOURCE_DIR}/fixture_check.cpp)
target_link_libraries(fixture_check PRIVATE digestlint_core)

file(GLOB_RECURSE FIXTURE_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fixtures/*.md)
# fixtures/online/ expects findings of the online rules: tests/online.cmake checks them against
# the fake server. fixture-coverage still counts their expectations.
list(FILTER FIXTURE_FILES EXCLUDE REGEX "/fixtures/online/")
foreach(fixture ${FIXTURE_FILES})
  file(RELATIVE_PATH name ${CMAKE_SOURCE_DIR}/fixtures ${fixture})
  add_test(NAME fixture/${name} COMMAND fixture_check ${fixture})
endforeach()
add_test(NAME fixture-coverage COMMAND fixture_check --coverage ${CMAKE_SOURCE_DIR}/fixtures)
