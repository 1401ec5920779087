#!/usr/bin/env python3
"""Route churn of N servers started together, every one seeded to the first (issue 14).

    mesh-churn.py jnatsd|go N [RUNS]

Launches N processes of bin/jnatsd (or $NATS_SERVER_210) with -D, waits until /varz shows
4*(N-1) route connections on every server (pool of 3 plus $SYS), reads each process's CPU from
/proc at that moment, stops them and counts in their logs: connections dialed (the solicitor's
"Route connect msg sent", logged by both servers), "Detected duplicate remote route" and
"Route pool size reached". One JSON line per run; for jnatsd also the CPU by thread name
(digits folded), read at the same moment. MESH_DEBUG=0 runs without -D (CPU only).
Debug logging and the /varz polling (every 50 ms) cost CPU of their own: compare like with like.
Linux only (/proc). Logs are kept under $TMPDIR/mesh-churn/.
"""
import json, os, re, signal, socket, subprocess, sys, tempfile, time, urllib.request

kind, n = sys.argv[1], int(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
debug = os.environ.get("MESH_DEBUG", "1") == "1"
home = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
exe = [os.path.join(home, "bin", "jnatsd")] if kind == "jnatsd" else [os.environ["NATS_SERVER_210"]]
tick = os.sysconf("SC_CLK_TCK")


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def cpu_ms(stat_line):
    fields = stat_line.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 // tick


def process_cpu(pid):
    try:
        return cpu_ms(open(f"/proc/{pid}/stat").read())
    except OSError:
        return -1


def thread_cpu(pid, totals):
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            line = open(f"/proc/{pid}/task/{task}/stat").read()
            name = re.sub(r"[0-9]+", "#", line[line.index("(") + 1:line.rindex(")")])
            totals[name] = totals.get(name, 0) + cpu_ms(line)
    except OSError:
        pass


def routes(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/varz", timeout=2) as answer:
            return json.load(answer).get("routes", 0)
    except Exception:
        return -1


for run in range(runs):
    ports = free_ports(3 * n)
    logs = os.path.join(tempfile.gettempdir(), "mesh-churn", f"{kind}-{n}-{run}")
    os.makedirs(logs, exist_ok=True)
    processes = []
    launched = time.monotonic()
    for i in range(n):
        client, route, monitor = ports[3 * i], ports[3 * i + 1], ports[3 * i + 2]
        command = exe + ["-a", "127.0.0.1", "-p", str(client), "-m", str(monitor), "-n", f"s{i}"]
        command += ["-D"] if debug else []
        command += ["--cluster_name", "mesh", "--cluster", f"nats://127.0.0.1:{route}"]
        if i > 0:
            command += ["--routes", f"nats://127.0.0.1:{ports[1]}"]
        log = open(os.path.join(logs, f"s{i}.log"), "w")
        processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT))
    wanted = 4 * (n - 1)
    meshed = None
    while time.monotonic() < launched + 120:
        if all(routes(ports[3 * i + 2]) == wanted for i in range(n)):
            meshed = time.monotonic() - launched
            break
        time.sleep(0.05)
    cpu = [process_cpu(p.pid) for p in processes]
    threads = {}
    for p in processes:
        thread_cpu(p.pid, threads)
    for p in processes:
        p.send_signal(signal.SIGTERM)
    for p in processes:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
    text = "".join(open(os.path.join(logs, f"s{i}.log"), errors="replace").read() for i in range(n))
    print(json.dumps({
        "server": kind, "servers": n, "run": run,
        "meshed_s": None if meshed is None else round(meshed, 2),
        "kept": wanted * n // 2,
        "dialed": text.count("Route connect msg sent"),
        "duplicate_lines": text.count("Detected duplicate remote route"),
        "pool_full_lines": text.count("Route pool size reached"),
        "cpu_ms": sum(cpu), "cpu_ms_per_server": sum(cpu) // n,
        "load": round(os.getloadavg()[0], 1)}), flush=True)
    if kind == "jnatsd":
        print("  cpu by thread (ms):", sorted(threads.items(), key=lambda kv: -kv[1])[:6], flush=True)
