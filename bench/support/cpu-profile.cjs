// Preloaded with NODE_OPTIONS="--require …" (node refuses --cpu-prof there): profiles this process from
// start to exit and writes a .cpuprofile into $BENCH_PROF, so worker processes started by npm can be profiled.
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable", () => session.post("Profiler.start"));
const write = () =>
  session.post("Profiler.stop", (err, res) => {
    if (!err) fs.writeFileSync(path.join(process.env.BENCH_PROF, `worker-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
  });
process.once("exit", write); // an in-thread session answers synchronously, so this works on exit
