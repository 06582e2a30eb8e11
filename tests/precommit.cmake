# The pre-commit hook, through the real pre-commit.
add_test(NAME pre-commit COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/precommit_test.sh ${CMAKE_SOURCE_DIR}
                                 $<TARGET_FILE_DIR:digestlint>)
set_tests_properties(pre-commit PROPERTIES SKIP_RETURN_CODE ${DIGESTLINT_SKIP_CODE} TIMEOUT 300)
