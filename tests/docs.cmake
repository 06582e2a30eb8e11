# The per-rule pages in docs/rules are generated from rules/*.yaml; they must not drift.
add_test(NAME docs-in-sync COMMAND digestlint docs --check ${CMAKE_SOURCE_DIR}/docs/rules)
