-- Every request a new query string, so the API computes each answer instead of serving
-- the one it kept: what the cores, not the kept answers, can do.
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, wrk.path .. "&n=" .. n)
end
