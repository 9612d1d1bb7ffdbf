-- GET a ticket and GET its conversation (the ticket seeded by bench/run.sh has 20 messages), alternating
-- or one of them only, chosen by WD_READ=ticket|messages|both.
local token = os.getenv("WD_TOKEN")
local number = os.getenv("WD_TICKET")
local mode = os.getenv("WD_READ") or "messages"
local n = 0

request = function()
  n = n + 1
  local path = "/api/v1/tickets/" .. number
  if mode == "messages" or (mode == "both" and n % 2 == 0) then path = path .. "/messages" end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
