-- Pandoc Lua filter: the handout's generated reference parts.  Runs before
-- handout.lua (mk/handout.mk), on the whole handout at once.
--
-- 1. System calls.  kernel/syscalls.list is the one list of calls (number,
--    lab, name, argument kinds); the words about each call live in one
--    place, a Div in the chapter of the lab that brings it:
--
--        ::: {.syscall name=send}
--        What it does ... and its table of errors.
--        :::
--
--    In the chapter the Div is shown where it stands, under the call's C
--    prototype, generated from the list.  The Div with class
--    "syscall-reference" (the appendix) becomes every call of the list up
--    to the highest lab the tree holds, in the list's order: a heading,
--    its number, stage and registers, the prototype, and the same words.
--    A later lab that changes a call adds to its words with a Div of
--    class "syscall-more" (same name attribute): shown where it stands, and
--    in the appendix after the call's own words.  A call with no words
--    gets a visible gap, and tests/test_reference.py fails on it; a Div
--    naming a call the list does not hold stops the build.
-- 2. Error codes.  A Div with class "errno-table" becomes the table of
--    lib/errno.h: each code's name, number and comment.
-- 3. Library headers.  A Div with class "header-reference" and an attribute
--    file=PATH becomes that C header as a reference: its opening comment,
--    then each declaration under the contract comment above it, and its
--    constants as a table (intro=no, consts=no leave those out).  A Div with class "lab-libraries" does the same,
--    under a heading each, for every lab library header the tree holds
--    (metadata lab-headers).  The headers are the one source: a function
--    added to a library shows up here with its comment.
-- 4. Appendices.  A chapter heading with class "appendix" starts the
--    appendices: each such chapter is lettered A, B, ... and its sections
--    A.1, A.2 ... (pandoc's own numbering is for chapters).
--
-- Metadata (set by mk/handout.mk): syscalls-list, errno-h, stage,
-- lab-headers.

local LIST = "kernel/syscalls.list"
local ERRNO = "lib/errno.h"
local STAGE = 99
local LAB_HEADERS = ""

local REGS = { "EBX", "ECX", "EDX", "ESI", "EDI" }
-- C types of the user stubs (tools/gensyscalls.py: USER_TYPE)
local USER_TYPE = {
  int = "int", ["in"] = "const void *", out = "void *", len = "unsigned",
  pid = "int", str = "const char *", ticks = "int", obj = "int",
  addr = "const void *",
}
local KIND_WORDS = {
  int = "an integer",
  ["in"] = "a pointer to memory the kernel reads",
  out = "a pointer to memory the kernel writes",
  len = "a byte count",
  pid = "a process id",
  str = "a pointer to a NUL-terminated string",
  ticks = "a time in ticks, or a timeout",
  obj = "a port, port set or mailbox number",
  addr = "a user address the call maps, unmaps or asks about "
      .. "(never read or written)",
}

local function read_lines(path)
  local f = io.open(path, "r")
  if not f then error("reference.lua: cannot read " .. path) end
  local lines = {}
  for line in f:lines() do table.insert(lines, line) end
  f:close()
  return lines
end

-- The calls of the list: { num, lab, name, args = { {kind, name}, ... } }
local function parse_list(path)
  local calls = {}
  for _, raw in ipairs(read_lines(path)) do
    local line = raw:gsub("#.*", "")
    local words = {}
    for w in line:gmatch("%S+") do table.insert(words, w) end
    if #words >= 3 then
      local call = { num = tonumber(words[1]), lab = tonumber(words[2]),
                     name = words[3], args = {} }
      for i = 4, #words do
        local kind, name = words[i]:match("^(%a+):(%w+)$")
        table.insert(call.args, { kind, name })
      end
      table.insert(calls, call)
    end
  end
  return calls
end

local function prototype(call)
  local params = {}
  for _, a in ipairs(call.args) do
    local t = USER_TYPE[a[1]] or "int"
    local sep = t:sub(-1) == "*" and "" or " "
    table.insert(params, t .. sep .. a[2])
  end
  local list = #params > 0 and table.concat(params, ", ") or "void"
  return "int sys_" .. call.name .. "(" .. list .. ");"
end

local function prototype_block(call)
  return pandoc.CodeBlock(prototype(call), { class = "c syscall-prototype" })
end

-- "Call 11 (SYS_send), from stage 2: dst, a process id, in EBX; ..."
local function registers_para(call)
  local inl = { pandoc.Str("Call " .. call.num .. " ("),
                pandoc.Code("SYS_" .. call.name),
                pandoc.Str("), from stage " .. call.lab .. ". ") }
  if #call.args == 0 then
    table.insert(inl, pandoc.Str("No arguments."))
  else
    table.insert(inl, pandoc.Str("Arguments: "))
    for i, a in ipairs(call.args) do
      table.insert(inl, pandoc.Code(a[2]))
      table.insert(inl, pandoc.Str(", " .. KIND_WORDS[a[1]] .. " (" .. a[1] ..
                                   "), in " .. REGS[i] ..
                                   (i < #call.args and "; " or ".")))
    end
  end
  table.insert(inl, pandoc.Str(" The result comes back in EAX."))
  return pandoc.Para(inl)
end

local function errno_table(path)
  local rows = {}
  for _, line in ipairs(read_lines(path)) do
    local name, num, what = line:match("^#define%s+(E%u+)%s+(%d+)%s*/%*%s*(.-)%s*%*/")
    if name then table.insert(rows, { name, tonumber(num), what }) end
  end
  table.sort(rows, function(a, b) return a[2] < b[2] end)
  local md = { "| Code | Value | Meaning |", "|------|------:|---------|" }
  for _, r in ipairs(rows) do
    table.insert(md, "| `" .. r[1] .. "` | " .. r[2] .. " | " .. r[3] .. " |")
  end
  return pandoc.read(table.concat(md, "\n"), "markdown").blocks
end

local function copy(blocks)
  local out = {}
  for _, b in ipairs(blocks) do table.insert(out, b:clone()) end
  return out
end

local GROUP_TITLES = {
  [1] = "Processes, time and the console (lab 1)",
  [2] = "Synchronous messages (lab 2)",
  [3] = "Asynchronous messages (lab 3)",
  [4] = "Ports and mailboxes (lab 4)",
  [5] = "Large messages (lab 5)",
}

local function reference(calls, words, more)
  local out = {}
  local lab = nil
  for _, call in ipairs(calls) do
    if call.lab <= STAGE then
      if call.lab ~= lab then
        lab = call.lab
        local title = GROUP_TITLES[lab] or ("Lab " .. lab)
        table.insert(out, pandoc.Header(2, title,
                                        { id = "sys-lab" .. lab }))
      end
      table.insert(out, pandoc.Header(3, { pandoc.Code(call.name) },
                                      { id = "sys-" .. call.name }))
      table.insert(out, registers_para(call))
      table.insert(out, prototype_block(call))
      if words[call.name] then
        for _, b in ipairs(copy(words[call.name])) do table.insert(out, b) end
      else
        io.stderr:write("handout: no words about system call '" ..
                        call.name .. "' (a ::: {.syscall name=" ..
                        call.name .. "} Div in its lab's chapter)\n")
        table.insert(out, pandoc.Para({ pandoc.Strong({
          pandoc.Str("No description of this call has been written yet.") }) }))
      end
      for _, extra in ipairs(more[call.name] or {}) do
        for _, b in ipairs(copy(extra)) do table.insert(out, b) end
      end
    end
  end
  return out
end

-- ---- C headers as a reference --------------------------------------------

local function words_inlines(text)
  local inl = {}
  for w in text:gmatch("%S+") do
    if #inl > 0 then table.insert(inl, pandoc.Space()) end
    table.insert(inl, pandoc.Str(w))
  end
  return inl
end

-- The text of a comment block (a list of source lines), as paragraphs.
local function comment_paras(lines)
  local paras, cur = {}, {}
  for _, l in ipairs(lines) do
    local t = l:gsub("^%s*/%*+", ""):gsub("%*+/%s*$", ""):gsub("^%s*%* ?", "")
    if t:match("^%s*$") then
      if #cur > 0 then table.insert(paras, table.concat(cur, " ")) cur = {} end
    else
      table.insert(cur, t)
    end
  end
  if #cur > 0 then table.insert(paras, table.concat(cur, " ")) end
  local out = {}
  for _, p in ipairs(paras) do table.insert(out, pandoc.Para(words_inlines(p))) end
  return out
end

local function brace_balance(line)
  local _, opens = line:gsub("{", "")
  local _, closes = line:gsub("}", "")
  return opens - closes
end

-- Parse one header into items: {kind="text"|"decl"|"consts"|"section", ...}
local function parse_header(file)
  local lines = read_lines(file)
  local items, i, n = {}, 1, #lines
  local pending = nil          -- the comment block above what comes next
  local consts = nil           -- the constants table being gathered
  local guard = nil
  local function flush_consts()
    if consts then table.insert(items, { kind = "consts", rows = consts }) end
    consts = nil
  end
  local first_comment = true
  while i <= n do
    local l = lines[i]
    if l:match("^%s*/%*") then
      local block = { l }
      while not lines[i]:match("%*/") and i < n do i = i + 1 table.insert(block, lines[i]) end
      local one = #block == 1 and l:match("^%s*/%*%s*%-%-%-%-%s*(.-)%s*%-+%s*%*/")
      if first_comment then
        local base = file:match("([^/]+)$")
        block[2] = block[2] and block[2]:gsub("^(%s*%*%s*)" ..
          base:gsub("%p", "%%%0") .. ":%s*(%l?)", function(lead, c)
            return lead .. c:upper() end)
        table.insert(items, { kind = "text", paras = comment_paras(block) })
        first_comment = false
      elseif one then
        flush_consts()
        table.insert(items, { kind = "section", title = one })
      else
        flush_consts()
        pending = block
      end
      i = i + 1
    elseif l:match("^#ifndef") and not guard then
      guard = l:match("^#ifndef%s+(%S+)") i = i + 1
    elseif l:match("^#define%s+" .. (guard or "\0") .. "%s*$") or l:match("^#endif")
        or l:match("^#include") or l:match("^#if") or l:match("^#else")
        or l:match("^%s*$") then
      if l:match("^%s*$") and pending == nil then flush_consts() end
      i = i + 1
    elseif l:match("^#define") then
      local name, rest = l:match("^#define%s+([%w_]+%b())%s*(.*)$")
      if not name then name, rest = l:match("^#define%s+([%w_]+)%s*(.*)$") end
      local value, comment = rest:match("^(.-)%s*/%*%s*(.-)%s*$")
      if not value then value, comment = rest, "" end
      local text = comment:gsub("%s*%*/$", "")
      while not comment:match("%*/") and comment ~= "" and i < n do
        i = i + 1
        local more = lines[i]:gsub("^%s*", ""):gsub("%s*%*/%s*$", "")
        text = text .. " " .. more
        if lines[i]:match("%*/") then break end
      end
      if pending and consts == nil then
        table.insert(items, { kind = "text", paras = comment_paras(pending) })
      end
      pending = nil
      consts = consts or {}
      table.insert(consts, { name, value, text })
      i = i + 1
    else
      flush_consts()
      -- a declaration: up to ';' at depth 0, or a function body (skipped)
      local decl, depth, body = {}, 0, false
      while i <= n do
        local d = lines[i]
        if depth == 0 and d:match("^[^;]*%)%s*$") and lines[i + 1]
            and lines[i + 1]:match("^{") then
          table.insert(decl, d .. ";")
          body = true
          i = i + 1
          break
        end
        table.insert(decl, d)
        depth = depth + brace_balance(d)
        i = i + 1
        if depth <= 0 and d:match(";%s*$") then break end
      end
      if body then          -- skip the body of a static inline function
        local depth2 = 0
        repeat
          depth2 = depth2 + brace_balance(lines[i])
          i = i + 1
        until depth2 <= 0 or i > n
      end
      table.insert(items, { kind = "decl", code = table.concat(decl, "\n"),
                            comment = pending })
      pending = nil
    end
  end
  flush_consts()
  return items
end

local function header_blocks(file, opts)
  opts = opts or {}
  local out = {}
  local last_decl = nil
  for k, it in ipairs(parse_header(file)) do
    if (k == 1 and it.kind == "text" and opts.intro == "no")
        or (it.kind == "consts" and opts.consts == "no") then
      -- left out: the Div asked for the declarations only
    elseif it.kind == "text" then
      for _, p in ipairs(it.paras) do table.insert(out, p) end
      last_decl = nil
    elseif it.kind == "section" then
      table.insert(out, pandoc.Para({ pandoc.Strong(words_inlines(it.title)) }))
      last_decl = nil
    elseif it.kind == "consts" and not it.rows[1][3]:match("%S") and #it.rows < 3 then
      -- a constant or two the comment above already explains: as code
      local code = {}
      for _, r in ipairs(it.rows) do
        table.insert(code, "#define " .. r[1] .. " " .. r[2])
      end
      local cb = pandoc.CodeBlock(table.concat(code, "\n"), { class = "c" })
      table.insert(out, cb)
      last_decl = nil
    elseif it.kind == "consts" then
      local md = { "| Constant | Value | Meaning |",
                   "|------------------|---------------|----------------------------------------|" }
      for _, r in ipairs(it.rows) do
        local val = r[2]:gsub("|", "\\|")
        table.insert(md, "| `" .. r[1] .. "` | `" .. val .. "` | " ..
                     r[3]:gsub("|", "\\|") .. " |")
      end
      for _, b in ipairs(pandoc.read(table.concat(md, "\n"), "markdown").blocks) do
        table.insert(out, b)
      end
      last_decl = nil
    else
      if it.comment == nil and last_decl then
        -- an undocumented neighbour joins the declaration above it
        last_decl.text = last_decl.text .. "\n" .. it.code
      else
        local cb = pandoc.CodeBlock(it.code, { class = "c" })
        table.insert(out, cb)
        last_decl = cb
        if it.comment then
          for _, p in ipairs(comment_paras(it.comment)) do table.insert(out, p) end
        end
      end
    end
  end
  return out
end

-- Letter the appendices: every header from the first appendix chapter on.
local function letter_appendices(blocks)
  local letter, counters = nil, {}
  for _, b in ipairs(blocks) do
    if b.t == "Header" then
      if b.level == 1 then
        if b.classes:includes("appendix") then
          letter = letter and string.char(letter:byte() + 1) or "A"
          counters = {}
        else
          letter = nil
        end
      end
      if letter then
        local number = letter
        if b.level > 1 then
          counters[b.level] = (counters[b.level] or 0) + 1
          for l = b.level + 1, 6 do counters[l] = nil end
          for l = 2, b.level do number = number .. "." .. (counters[l] or 1) end
        end
        if not b.classes:includes("unnumbered") then
          b.classes:insert("unnumbered")
        end
        table.insert(b.content, 1, pandoc.Space())
        table.insert(b.content, 1, pandoc.Span({ pandoc.Str(number) },
                                               { class = "appendix-number" }))
      end
    end
  end
end

return {
  {
    Pandoc = function(doc)
      local meta = doc.meta
      if meta["syscalls-list"] then LIST = pandoc.utils.stringify(meta["syscalls-list"]) end
      if meta["errno-h"] then ERRNO = pandoc.utils.stringify(meta["errno-h"]) end
      if meta["lab-headers"] then LAB_HEADERS = pandoc.utils.stringify(meta["lab-headers"]) end
      if meta.stage then STAGE = tonumber(pandoc.utils.stringify(meta.stage)) or STAGE end
      local calls = parse_list(LIST)
      local by_name = {}
      for _, c in ipairs(calls) do by_name[c.name] = c end

      -- the words about each call, and each shown under its prototype
      local words, more, problems = {}, {}, {}
      local blocks = {}
      for _, b in ipairs(doc.blocks) do
        if b.t == "Div" and b.classes:includes("syscall") then
          local name = b.attributes.name
          local call = name and by_name[name]
          if not call then
            table.insert(problems, "a syscall Div names '" .. tostring(name) ..
                         "', which " .. LIST .. " does not list")
          elseif words[name] then
            table.insert(problems, "two syscall Divs describe '" .. name .. "'")
          else
            words[name] = copy(b.content)
            table.insert(b.content, 1, prototype_block(call))
          end
        end
        if b.t == "Div" and b.classes:includes("syscall-more") then
          local name = b.attributes.name
          if not (name and by_name[name]) then
            table.insert(problems, "a syscall-more Div names '" ..
                         tostring(name) .. "', which " .. LIST ..
                         " does not list")
          else
            more[name] = more[name] or {}
            table.insert(more[name], copy(b.content))
          end
        end
        table.insert(blocks, b)
      end
      if #problems > 0 then
        for _, m in ipairs(problems) do io.stderr:write("handout: " .. m .. "\n") end
        error("the system-call words do not match " .. LIST)
      end
      -- the generated parts
      local out = {}
      for _, b in ipairs(blocks) do
        if b.t == "Div" and b.classes:includes("syscall-reference") then
          for _, r in ipairs(reference(calls, words, more)) do table.insert(out, r) end
        elseif b.t == "Div" and b.classes:includes("header-reference") then
          for _, r in ipairs(header_blocks(b.attributes.file, b.attributes)) do
            table.insert(out, r)
          end
        elseif b.t == "Div" and b.classes:includes("lab-libraries") then
          for file in LAB_HEADERS:gmatch("%S+") do
            local lab = file:match("^labs/lab(%d+)%-") or "?"
            local id = "ref-lib-" .. file:match("([^/]+)%.h$") .. "-h"
            table.insert(out, pandoc.Header(2, { pandoc.Str("Lab " .. lab .. ": "),
                                                 pandoc.Code(file) }, { id = id }))
            for _, r in ipairs(header_blocks(file)) do table.insert(out, r) end
          end
        elseif b.t == "Div" and b.classes:includes("errno-table") then
          for _, r in ipairs(errno_table(ERRNO)) do table.insert(out, r) end
        else
          table.insert(out, b)
        end
      end
      letter_appendices(out)
      doc.blocks = out
      return doc
    end,
  },
}
