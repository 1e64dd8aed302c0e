-- wrk script for scripts/bench: each request asks for a path picked at
-- random from a file of paths (one per line), so that answers are not
-- served from the response cache.
--   wrk -s scripts/random_paths.lua URL -- FILE
local paths = {}

function init(args)
    for line in io.lines(args[1]) do
        paths[#paths + 1] = line
    end
    -- Each thread its own sequence.
    math.randomseed(os.time() + tonumber(tostring(paths):match("0x(%x+)"), 16) % 100000)
end

function request()
    return wrk.format("GET", paths[math.random(#paths)])
end
