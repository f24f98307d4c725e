-- A minimal Neovim configuration that starts `legible lsp` for the spec
-- files of an app: Neovim's own LSP client, no plugin. It works from
-- Neovim 0.7 (Debian 12's) on; the README shows the shorter form of 0.8+.
-- LEGIBLE_BIN names the binary, LEGIBLE_CACHE its cache folder.
local client_id

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  callback = function(args)
    local app = vim.fn.findfile('app.yaml', vim.fn.expand('%:p:h') .. ';')
    if app == '' then
      return
    end
    if not client_id then
      client_id = vim.lsp.start_client({
        name = 'legible',
        cmd = { os.getenv('LEGIBLE_BIN'), 'lsp', '--cache', os.getenv('LEGIBLE_CACHE') },
        root_dir = vim.fn.fnamemodify(app, ':p:h'),
      })
    end
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})
