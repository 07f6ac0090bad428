-- The durability step: POST pastes and append the id of every 201 to OUT_PREFIX.<thread> as soon as it arrives,
-- so the list holds exactly the pastes the server acknowledged before it was killed.
--   wrk -s acked.lua URL -- BODY_FILE OUT_PREFIX
local counter, out = 0, nil
function setup(thread)
  counter = counter + 1
  thread:set("n", counter)
end
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  out = assert(io.open(args[2] .. "." .. n, "w"))
end
function response(status, headers, body)
  if status == 201 then
    local id = body:match('"id":"([^"]+)"')
    if id then out:write(id, "\n"); out:flush() end
  end
end
