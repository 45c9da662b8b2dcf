-- A mix of what clients ask, in turn on each connection: answers kept (task 27, a theme's
-- tasks), answers computed every time (a new query string: a search, the targets, the
-- graph two and three steps around task 27) and /livez.
local focus = "zhoushan-gongtongfuyu-2021-2025-task-27"
local paths = {
  "/tasks/27",
  "/search?q=%E5%81%8F%E8%BF%9C%E6%B5%B7%E5%B2%9B&n=",
  "/themes/remote-islands/tasks",
  "/graph?focus=" .. focus .. "&depth=3&n=",
  "/indicators?year=2025&n=",
  "/graph?focus=" .. focus .. "&depth=2&n=",
  "/livez",
}
local n = 0
request = function()
  n = n + 1
  local path = paths[n % #paths + 1]
  if string.sub(path, -3) == "&n=" then
    path = path .. n
  end
  return wrk.format(nil, path)
end
