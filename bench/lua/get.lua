-- GET a random id from a list: wrk -s get.lua URL -- IDS_FILE PATH_FORMAT [BEARER_TOKEN]
--   IDS_FILE     one id a line (or "seq:PREFIX:WIDTH:N" for PREFIX..%0WIDTHd ids 1..N, seeded without a file)
--   PATH_FORMAT  e.g. /api/v2/pastes/%s or /%s/raw
local ids, format, token, seq = {}, "/%s", nil, nil

function init(args)
  local source = args[1]
  format = args[2] or format
  token = args[3]
  if source:sub(1, 4) == "seq:" then
    local prefix, width, n = source:match("^seq:([^:]*):(%d+):(%d+)$")
    seq = { prefix = prefix, fmt = prefix .. "%0" .. width .. "d", n = tonumber(n) }
  else
    for line in io.lines(source) do if #line > 0 then ids[#ids + 1] = line end end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local id
  if seq then id = string.format(seq.fmt, math.random(1, seq.n)) else id = ids[math.random(1, #ids)] end
  local headers = {}
  if token and #token > 0 then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", string.format(format, id), headers)
end
