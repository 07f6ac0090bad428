-- POST a fixed body: wrk -s post.lua URL -- BODY_FILE CONTENT_TYPE
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = args[2] or "application/json"
end
