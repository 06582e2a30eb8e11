-- Headless Neovim as a real LSP client of `digestlint lsp` (run by lsp_neovim.sh).
-- Environment: DIGESTLINT_BIN, LSP_FIXTURE (a bad digest), LSP_OUT (results, one per line).
local bin = assert(os.getenv('DIGESTLINT_BIN'))
local fixture = assert(os.getenv('LSP_FIXTURE'))
local out_path = assert(os.getenv('LSP_OUT'))
local lines = {}

local function finish(ok)
  local file = assert(io.open(out_path, 'w'))
  file:write(table.concat(lines, '\n') .. '\n')
  file:close()
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local function codes(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'digestlint' and d.code then found[d.code] = d end
  end
  return found
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
  local buf = vim.api.nvim_get_current_buf()
  local config = {
    name = 'digestlint',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(fixture, ':h'),
  }
  local client_id
  if vim.lsp.start then -- Neovim 0.8+
    client_id = vim.lsp.start(config)
  else -- Neovim 0.7
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  table.insert(lines, 'nvim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor))

  local expected = { 'authors/placeholder', 'links/insecure-url', 'text/latex-artifact',
    'text/trailing-whitespace', 'text/truncated' }
  local arrived = vim.wait(15000, function()
    local found = codes(buf)
    for _, code in ipairs(expected) do
      if not found[code] then return false end
    end
    return true
  end, 20)
  if not arrived then table.insert(lines, 'timeout waiting for diagnostics') end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    -- lnum and col are 0-based; Neovim converted the server's UTF-16 columns to bytes.
    table.insert(lines, string.format('diag %s %d %d %d', d.code, d.lnum, d.col, d.severity))
  end

  -- Hover and code actions through the client's own request path.
  local latex = codes(buf)['text/latex-artifact']
  if latex then
    local line = vim.api.nvim_buf_get_lines(buf, latex.lnum, latex.lnum + 1, true)[1]
    local character = vim.str_utfindex(line, latex.col)
    local position = { line = latex.lnum, character = character + 1 }
    local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
      { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = position }, 5000)
    for _, response in pairs(hover or {}) do
      local value = response.result and response.result.contents.value or ''
      if value:find('text/latex-artifact', 1, true) then
        table.insert(lines, 'hover ok')
      else
        table.insert(lines, 'hover missing: ' .. vim.inspect(response):gsub('\n', ' '))
      end
    end
  end
  local link = codes(buf)['links/insecure-url']
  if link then
    local range = { start = { line = link.lnum, character = 0 }, ['end'] = { line = link.lnum, character = 200 } }
    local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(buf) }, range = range,
      context = { diagnostics = {} } }, 5000)
    for _, response in pairs(actions or {}) do
      for _, action in ipairs(response.result or {}) do
        table.insert(lines, 'action ' .. action.title)
        if action.kind == 'quickfix' and action.edit then
          vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
        end
      end
    end
  end

  -- The edit went to the server as an incremental didChange; the link finding must go away.
  local updated = vim.wait(10000, function()
    return codes(buf)['links/insecure-url'] == nil and codes(buf)['text/truncated'] ~= nil
  end, 20)
  table.insert(lines, 'line3 ' .. vim.api.nvim_buf_get_lines(buf, 2, 3, true)[1])
  local after = {}
  for code, _ in pairs(codes(buf)) do table.insert(after, code) end
  table.sort(after)
  table.insert(lines, 'after-edit ' .. (updated and 'ok' or 'timeout') .. ' ' .. table.concat(after, ' '))
  vim.lsp.stop_client(client_id)
end)
if not ok then table.insert(lines, 'lua error: ' .. tostring(err)) end
finish(ok)
