-- The editor's side of lsp's Neovim test: with a Conduit sync file open
-- that misspells Tokens.issue, it waits for the diagnostic, asks hover,
-- definition and completion, applies the quick fix, and checks the
-- buffer and its diagnostics. Each step writes a line to the transcript
-- (TRANSCRIPT); the Go test reads it.
local out = assert(io.open(os.getenv('TRANSCRIPT'), 'w'))
local function say(fmt, ...)
  out:write(string.format(fmt, ...) .. '\n')
  out:flush()
end

local buf = vim.api.nvim_get_current_buf()

local function client()
  return vim.lsp.get_active_clients()[1]
end

-- at puts the cursor on the first match of pattern, plus offset columns,
-- and returns the position params of the cursor.
local function at(pattern, offset)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local line = vim.fn.search(pattern, 'c')
  assert(line > 0, 'no ' .. pattern .. ' in the buffer')
  local col = vim.fn.col('.') - 1 + (offset or 0)
  vim.api.nvim_win_set_cursor(0, { line, col })
  return vim.lsp.util.make_position_params()
end

local function request(method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, 20000)
  assert(res, method .. ': no answer')
  for _, r in pairs(res) do
    assert(not r.err, method .. ': ' .. vim.inspect(r.err))
    return r.result
  end
end

local function code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local ok = vim.wait(30000, function()
  return client() ~= nil and #vim.diagnostic.get(buf) > 0
end, 50)
say('started: %s, attached: %s', tostring(client() ~= nil), tostring(ok))

local diag
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if code(d) == 'unknown-action' then
    diag = d
  end
end
assert(diag, 'no unknown-action diagnostic: ' .. vim.inspect(vim.diagnostic.get(buf)))
say('diagnostic: line %d col %d [%s] %s', diag.lnum + 1, diag.col + 1, code(diag), diag.message:gsub('\n.*', ''))

local hover = request('textDocument/hover', at('Authenticating.register: {}', 16))
say('hover: %s', hover.contents.value:match('```yaml\n([^\n]*)'))

local def = request('textDocument/definition', at('Profile.create: {', 9))
def = def[1] or def
vim.lsp.util.jump_to_location(def, 'utf-16')
say('definition: %s line %d, read-only: %s', vim.fn.expand('%:t'), vim.fn.line('.'), tostring(vim.bo.readonly))
vim.cmd('buffer ' .. buf)

local items = request('textDocument/completion', at('Tokens.isue', 7))
items = items.items or items
local labels = {}
for _, it in ipairs(items) do
  table.insert(labels, it.label)
end
table.sort(labels)
say('completion after Tokens.: %s', table.concat(labels, ', '))

local range = {
  start = { line = diag.lnum, character = diag.col },
  ['end'] = { line = diag.end_lnum, character = diag.end_col },
}
local actions = request('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = range,
  context = { diagnostics = { diag.user_data and diag.user_data.lsp or {} } },
})
local fix
for _, a in ipairs(actions) do
  say('code action: %s', a.title)
  if a.isPreferred then
    fix = fix or a
  end
end
assert(fix, 'no preferred quick fix')
vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
say('applied: %s', fix.title)
say('buffer line %d: %s', diag.lnum + 1, vim.api.nvim_buf_get_lines(buf, diag.lnum, diag.lnum + 1, false)[1])

local clean = vim.wait(30000, function()
  return #vim.diagnostic.get(buf) == 0
end, 50)
say('diagnostics after the fix: %d (cleared: %s)', #vim.diagnostic.get(buf), tostring(clean))
out:close()
vim.cmd('qa!')
