# Language server: protocol-level test over pipes, and a real client (headless Neovim).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME lsp/protocol
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/lsp_protocol.py
                   $<TARGET_FILE:digestlint> ${CMAKE_CURRENT_SOURCE_DIR}/data/lsp/bad.md)
  set_tests_properties(lsp/protocol PROPERTIES TIMEOUT 60 LABELS lsp)
endif()

add_test(NAME lsp/neovim
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/lsp_neovim.sh $<TARGET_FILE:digestlint>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/lsp/bad.md)
set_tests_properties(lsp/neovim PROPERTIES TIMEOUT 60 LABELS lsp
                                           SKIP_RETURN_CODE ${DIGESTLINT_SKIP_CODE})
