-- The benchmark's request kinds for wrk: one kind alone, or a mix of them, drawn per request.
--   wrk -t1 -c32 -d30s -s bench/wrk/workload.lua http://localhost:18080 -- <data file> <kind or mix>
-- The data file (bench/wrk_data.py) holds the clients' access tokens and what they draw from.
-- Users, classes, providers and cities are drawn Zipf-like over their ids in order (rank r with
-- probability proportional to 1/r), clients too; writes are ones that succeed when repeated
-- (posting, sending, following or unfollowing, updating an own review) or whose refusal is an
-- ordinary answer (booking a full class: 409; cancelling a cancelled booking: 404).

local clients, lists, cumulative = {}, {}, {}
local from, to = "", ""
local kind, mix, total = nil, nil, 0
local counter = 0

local function split(line)
  local fields = {}
  for field in string.gmatch(line, "%S+") do fields[#fields + 1] = field end
  return fields
end

local function zipf_rank(n)
  local c = cumulative[n]
  if c == nil then
    c = {}
    local sum = 0
    for rank = 1, n do sum = sum + 1 / rank; c[rank] = sum end
    for rank = 1, n do c[rank] = c[rank] / sum end
    cumulative[n] = c
  end
  local r, lo, hi = math.random(), 1, n
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if c[mid] < r then lo = mid + 1 else hi = mid end
  end
  return lo
end

local function zipf(list)
  return list[zipf_rank(#list)]
end

-- weights of the mixes (percent of requests)
local mixes = {
  benchmark = { feed = 25, profile = 15, listing = 15, class = 5, rating = 5, conversations = 3, messages = 2,
                matches = 5, reviews = 5, revalidation = 10, post = 3, message = 3, booking = 2, follow = 1,
                review = 1 },
  ["read-only"] = { feed = 25, profile = 15, listing = 15, class = 5, rating = 5, conversations = 3, messages = 2,
                    matches = 5, reviews = 5, revalidation = 10 },
  ["write-heavy"] = { feed = 20, profile = 12, listing = 12, class = 4, rating = 4, conversations = 2, messages = 2,
                      matches = 4, reviews = 4, revalidation = 8, post = 5, message = 5, booking = 4, follow = 4,
                      review = 2 },
}

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  for line in io.lines(args[1]) do
    local f = split(line)
    if f[1] == "client" then
      clients[#clients + 1] = { id = f[2], token = f[3], conversation = f[4], review = f[5], etagPath = f[6],
                                etag = f[7], bookings = {} }
      for i = 8, #f do clients[#clients].bookings[#clients[#clients].bookings + 1] = f[i] end
    elseif f[1] == "from" then
      from, to = f[2], f[3]
    else
      local list = {}
      for i = 2, #f do list[#list + 1] = f[i] end
      lists[f[1]] = list
    end
  end
  local chosen = args[2]
  if mixes[chosen] then
    mix = {}
    for name, weight in pairs(mixes[chosen]) do total = total + weight; mix[#mix + 1] = { name, total } end
  else
    kind = chosen
  end
end

local function pick()
  if kind then return kind end
  local r = math.random() * total
  for _, entry in ipairs(mix) do
    if r < entry[2] then return entry[1] end
  end
  return mix[#mix][1]
end

local function get(client, path, extra)
  local headers = { ["Authorization"] = "Bearer " .. client.token, ["Accept-Encoding"] = "gzip",
                    ["Accept"] = "application/json" }
  if extra then for k, v in pairs(extra) do headers[k] = v end end
  return wrk.format("GET", path, headers)
end

local function send(client, method, path, body)
  return wrk.format(method, path, { ["Authorization"] = "Bearer " .. client.token, ["Accept-Encoding"] = "gzip",
                                    ["Accept"] = "application/json", ["Content-Type"] = "application/json" }, body)
end

local builders = {
  hello = function(c) return get(c, "/api/v1/hello") end,
  profile = function(c) return get(c, "/api/v1/users/" .. zipf(lists.users)) end,
  class = function(c) return get(c, "/api/v1/classes/" .. zipf(lists.classes)) end,
  rating = function(c) return get(c, "/api/v1/classes/" .. zipf(lists.classes) .. "/rating") end,
  listing = function(c)
    local filter
    if math.random() < 0.5 then filter = "provider=" .. zipf(lists.providers) else filter = "city=" .. zipf(lists.cities) end
    return get(c, "/api/v1/classes?from=" .. from .. "&to=" .. to .. "&" .. filter)
  end,
  feed = function(c) return get(c, "/api/v1/social/feed") end,
  conversations = function(c) return get(c, "/api/v1/conversations") end,
  messages = function(c)
    if c.conversation == "0" then return get(c, "/api/v1/conversations") end
    return get(c, "/api/v1/conversations/" .. c.conversation .. "/messages")
  end,
  matches = function(c) return get(c, "/api/v1/matches") end,
  reviews = function(c) return get(c, "/api/v1/reviews?classId=" .. zipf(lists.classes)) end,
  revalidation = function(c) return get(c, c.etagPath, { ["If-None-Match"] = c.etag }) end,
  post = function(c)
    counter = counter + 1
    return send(c, "POST", "/api/v1/social/activity",
      '{"type":"WORKOUT","text":"Bench workout ' .. counter .. '","durationMinutes":45}')
  end,
  message = function(c)
    local recipient = zipf(lists.users)
    if recipient == c.id then recipient = lists.users[1] == c.id and lists.users[2] or lists.users[1] end
    return send(c, "POST", "/api/v1/messages/send", '{"recipientId":' .. recipient .. ',"body":"See you at the gym?"}')
  end,
  follow = function(c)
    local user = zipf(lists.users)
    if user == c.id then user = lists.users[1] == c.id and lists.users[2] or lists.users[1] end
    if math.random() < 0.5 then return send(c, "POST", "/api/v1/users/" .. user .. "/follow", "") end
    return send(c, "DELETE", "/api/v1/users/" .. user .. "/follow", "")
  end,
  booking = function(c)
    if #c.bookings > 0 and math.random() < 0.5 then
      return send(c, "DELETE", "/api/v1/bookings/" .. c.bookings[math.random(#c.bookings)], "")
    end
    return send(c, "POST", "/api/v1/classes/" .. zipf(lists.upcoming) .. "/bookings", "")
  end,
  review = function(c)
    if c.review == "0" then return get(c, "/api/v1/reviews?classId=" .. zipf(lists.classes)) end
    return send(c, "PUT", "/api/v1/reviews/" .. c.review, '{"rating":' .. math.random(5) .. ',"text":"Good class"}')
  end,
}

function request()
  return builders[pick()](zipf(clients))
end
