-- Pandoc Lua filter for the kit's handout.
--
-- 1. Every image that points into fig/ must have been rendered from a figure
--    source (docs/figures/ or labs/*/figures/); a dangling reference stops
--    the build instead of leaving a hole in the PDF.
-- 2. Every link to a place in the handout (#id) must name an identifier
--    that exists, since the style sheet prints that place's page number.
-- 3. Code blocks with no language get the class "plain" so the style sheet
--    can treat every block alike; a block holding a word too long for one
--    line of the page gets the class "long-words", which lets the style
--    sheet break that block anywhere (other blocks wrap only at spaces).

local figdir = nil
local problems = {}
local ids = {}
local links = {}

local function file_exists(path)
  local f = io.open(path, "r")
  if f then f:close() return true end
  return false
end

local function note_id(el)
  if el.identifier and el.identifier ~= "" then ids[el.identifier] = true end
  return nil
end

local function check_image(img)
  local name = img.src:match("^fig/([^/]+)$")
  if img.src:match("^fig/") and not name then
    table.insert(problems, "figure " .. img.src ..
      ": figures live directly under fig/")
  elseif name and figdir and not file_exists(figdir .. "/" .. name) then
    table.insert(problems, "figure " .. img.src ..
      ": no docs/figures/ or labs/*/figures/ source renders it")
  end
  return note_id(img)
end

local function note_link(link)
  local target = link.target:match("^#(.+)$")
  if target then table.insert(links, target) end
  return note_id(link)
end

-- About the number of monospace characters that fit on one line of a block.
local LINE_CHARS = 90

local function classify_code(block)
  note_id(block)
  local changed = false
  if #block.classes == 0 then
    block.classes:insert("plain")
    changed = true
  end
  for word in block.text:gmatch("%S+") do
    if utf8.len(word) and utf8.len(word) > LINE_CHARS then
      block.classes:insert("long-words")
      changed = true
      break
    end
  end
  if changed then return block end
  return nil
end

return {
  {
    Meta = function(meta)
      if meta.figdir then figdir = pandoc.utils.stringify(meta.figdir) end
      return nil
    end,
  },
  {
    Header = note_id, Div = note_id, Span = note_id, Table = note_id,
    Image = check_image,
    Link = note_link,
    CodeBlock = classify_code,
  },
  {
    Pandoc = function(doc)
      for _, target in ipairs(links) do
        if not ids[target] then
          table.insert(problems, "link to #" .. target ..
            ": no heading or element has that identifier")
        end
      end
      if #problems > 0 then
        io.stderr:write("handout: the chapters have broken references:\n")
        for _, m in ipairs(problems) do io.stderr:write("    " .. m .. "\n") end
        error("broken references in the handout sources")
      end
      return nil
    end,
  },
}
