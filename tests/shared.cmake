# Real digests beside the repository (../shared/digests, labelled in labels.tsv).
add_executable(shared_labels_check ${CMAKE_CURRENT_SOURCE_DIR}/shared_labels_check.cpp)
target_link_libraries(shared_labels_check PRIVATE digestlint_core)
add_test(NAME shared-digest-labels COMMAND shared_labels_check ${DIGESTLINT_SHARED_DIR}/digests)
set_tests_properties(shared-digest-labels PROPERTIES SKIP_RETURN_CODE ${DIGESTLINT_SKIP_CODE})
