#!/usr/bin/env python3
"""Where a cluster start's CPU goes, before and after the servers are ready (issue 14).

    cluster-phases.py JNATSD_HOME N [RUNS] [-- extra jnatsd flags]

Launches N processes of JNATSD_HOME/bin/jnatsd together, every one seeded to the first (as
mesh-churn.py and bin/bench's cluster scenarios), samples every process's threads from /proc
every 5 ms, and polls /varz every 50 ms until each server shows 4*(N-1) route connections
(pool of 3 plus $SYS). Per run: when the last server logged "Server is ready", when the last
"Route connection created" was logged, and when /varz showed the full mesh (seconds from
launch). Over all runs, per server: CPU by thread name (digits folded) up to its own "Server is
ready", and from then to the full mesh. The sampling and the polling cost CPU of their own
(the monitor thread's share is the polling): compare builds with the same script, alternating.
Linux only (/proc). Logs are kept under $TMPDIR/cluster-phases/.
"""
import collections, datetime, json, os, re, signal, socket, subprocess, sys, tempfile, time, urllib.request

home, n = sys.argv[1], int(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] != "--" else 1
extra = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
exe = [os.path.join(home, "bin", "jnatsd")]
tick = os.sysconf("SC_CLK_TCK")


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def threads(pid):
    totals = {}
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            line = open(f"/proc/{pid}/task/{task}/stat").read()
            name = re.sub(r"[0-9]+", "#", line[line.index("(") + 1:line.rindex(")")])
            fields = line.rsplit(")", 1)[1].split()
            totals[name] = totals.get(name, 0) + (int(fields[11]) + int(fields[12])) * 1000 // tick
    except OSError:
        pass
    return totals


def routes(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/varz", timeout=2) as answer:
            return json.load(answer).get("routes", 0)
    except Exception:
        return -1


def logged_at(line):
    stamp = re.search(r"(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d\.\d+)", line).group(1)
    moment = datetime.datetime.strptime(stamp, "%Y/%m/%d %H:%M:%S.%f")
    return moment.replace(tzinfo=datetime.timezone.utc).timestamp()


to_ready, after_ready = collections.Counter(), collections.Counter()
for run in range(runs):
    ports = free_ports(3 * n)
    logs = os.path.join(tempfile.gettempdir(), "cluster-phases", f"{os.path.basename(os.path.abspath(home))}-{n}-{run}")
    os.makedirs(logs, exist_ok=True)
    processes = []
    launched = time.time()
    for i in range(n):
        client, route, monitor = ports[3 * i], ports[3 * i + 1], ports[3 * i + 2]
        command = exe + ["-a", "127.0.0.1", "-p", str(client), "-m", str(monitor), "-n", f"s{i}"] + extra
        command += ["--cluster_name", "mesh", "--cluster", f"nats://127.0.0.1:{route}"]
        if i > 0:
            command += ["--routes", f"nats://127.0.0.1:{ports[1]}"]
        log = open(os.path.join(logs, f"s{i}.log"), "w")
        processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT))
    samples, meshed, polled = [], None, 0.0
    while time.time() < launched + 120:
        samples.append((time.time(), [threads(p.pid) for p in processes]))
        if time.time() - polled > 0.05:
            polled = time.time()
            if all(routes(ports[3 * i + 2]) == 4 * (n - 1) for i in range(n)):
                meshed = time.time()
                break
        time.sleep(0.005)
    for p in processes:
        p.send_signal(signal.SIGTERM)
    for p in processes:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
    last_ready, last_route = 0.0, 0.0
    for i in range(n):
        lines = open(os.path.join(logs, f"s{i}.log"), errors="replace").read().splitlines()
        ready = [logged_at(line) for line in lines if "Server is ready" in line]
        created = [logged_at(line) for line in lines if "Route connection created" in line]
        if not ready:
            continue
        last_ready, last_route = max(last_ready, ready[0]), max([last_route] + created)
        at_ready = min(samples, key=lambda sample: abs(sample[0] - ready[0]))[1][i]
        for name, ms in at_ready.items():
            to_ready[name] += ms
        for name, ms in samples[-1][1][i].items():
            after_ready[name] += ms - at_ready.get(name, 0)
    print(json.dumps({"run": run, "last_ready_s": round(last_ready - launched, 3),
                      "last_route_created_s": round(last_route - launched, 3),
                      "meshed_s": None if meshed is None else round(meshed - launched, 3),
                      "load": round(os.getloadavg()[0], 1)}), flush=True)
servers = n * runs
for title, totals in (("to ready", to_ready), ("ready to meshed", after_ready)):
    top = {name: ms // servers for name, ms in totals.most_common(6)}
    print(f"CPU per server, {title}: {sum(totals.values()) // servers} ms", top, flush=True)
