-- Usage: INDEXER=BIN ROOT=TREE FILE=rel/path.py LINE=N COL=N [SETTLE_MS=N] nvim --headless -u NONE -l Benchmarks/nvim-navigation.lua
-- SETTLE_MS: how long to work in the file before asking (on a tree never indexed, the server's first run).
-- Headless Neovim as a user would drive it: the README's LSP snippet, then definition, references, hover,
-- the call and type hierarchies and the highlights at the place.
local bin = os.getenv("INDEXER")
local root = os.getenv("ROOT")
local file = os.getenv("FILE")
local line, col = tonumber(os.getenv("LINE")), tonumber(os.getenv("COL"))
vim.cmd("edit " .. root .. "/" .. file)
local client = vim.lsp.start({ name = "indexer", cmd = { bin, "lsp", "--root", root }, root_dir = root })
vim.wait(10000, function() return #vim.lsp.get_clients({ bufnr = 0 }) > 0 and vim.lsp.get_client_by_id(client).initialized end)
vim.wait(tonumber(os.getenv("SETTLE_MS") or "0"), function() return false end)
vim.api.nvim_win_set_cursor(0, { line, col - 1 })
local params = vim.lsp.util.make_position_params(0, vim.lsp.get_client_by_id(client).offset_encoding)
local function show(method, extra)
  local p = vim.tbl_extend("force", params, extra or {})
  local res = vim.lsp.buf_request_sync(0, method, p, 10000)
  for _, r in pairs(res or {}) do
    local items = r.result or {}
    if items.uri then items = { items } end
    if items.contents then print(method .. ": " .. (items.contents.value or ""):gsub("\n", " | ")) return end
    print(method .. ": " .. #items .. " answer(s)")
    for i, loc in ipairs(items) do
      if i > 5 then break end
      local where = loc.uri and vim.uri_to_fname(loc.uri):sub(#root + 2) or file  -- a highlight is in this file
      print(string.format("  %s:%d:%d", where, loc.range.start.line + 1, loc.range.start.character + 1))
    end
  end
end
show("textDocument/definition")
show("textDocument/references", { context = { includeDeclaration = true } })
show("textDocument/hover")
-- Call and type hierarchy and highlights at the same place, as `:lua vim.lsp.buf.incoming_calls()` and friends ask.
local function hierarchy(prepare, calls)
  local res = vim.lsp.buf_request_sync(0, prepare, params, 10000)
  for _, r in pairs(res or {}) do
    local item = (r.result or {})[1]
    if not item then print(prepare .. ": nothing") return end
    print(prepare .. ": " .. item.name)
    for _, method in ipairs(calls) do
      local got = vim.lsp.buf_request_sync(0, method, { item = item }, 10000)
      for _, g in pairs(got or {}) do
        local names = {}
        for i, c in ipairs(g.result or {}) do
          if i > 5 then break end
          local it = c.from or c.to or c
          table.insert(names, it.name .. " (" .. vim.uri_to_fname(it.uri):sub(#root + 2) .. ":" .. (it.selectionRange.start.line + 1) .. ")")
        end
        print(string.format("  %s: %d: %s", method, #(g.result or {}), table.concat(names, ", ")))
      end
    end
  end
end
hierarchy("textDocument/prepareCallHierarchy", { "callHierarchy/incomingCalls", "callHierarchy/outgoingCalls" })
hierarchy("textDocument/prepareTypeHierarchy", { "typeHierarchy/supertypes", "typeHierarchy/subtypes" })
show("textDocument/documentHighlight")
vim.cmd("qa!")
