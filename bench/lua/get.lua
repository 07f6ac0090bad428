-- GET a random id from a list: wrk -s get.lua URL -- IDS_FILE PATH_FORMAT [BEARER_TOKEN]
--   IDS_FILE     one id a line, every id the same length (a million of them load in milliseconds as one string)
--   PATH_FORMAT  e.g. /api/v2/pastes/%s or /%s/raw
local ids, width, count, format, token = "", 0, 0, "/%s", nil

function init(args)
  local file = assert(io.open(args[1], "rb"))
  ids = file:read("*a")
  file:close()
  format = args[2] or format
  token = args[3]
  width = (ids:find("\n", 1, true) or error("get.lua: no ids in " .. args[1])) - 1
  if #ids % (width + 1) ~= 0 then error("get.lua: the ids in " .. args[1] .. " are not all " .. width .. " long") end
  count = #ids / (width + 1)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local start = (math.random(1, count) - 1) * (width + 1) + 1
  local headers = {}
  if token and #token > 0 then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", string.format(format, ids:sub(start, start + width - 1)), headers)
end
