#!/usr/bin/env python3
"""Polls a URL every 50 ms until killed (SIGTERM); then prints the milliseconds it did not answer
2xx (sum of the gaps around failed probes) and the number of failed probes. Used by bench/strategies."""
import signal, sys, time, urllib.request

url = sys.argv[1]
down_ms, failures, last, stop = 0.0, 0, time.monotonic(), False

def finish(*_):
    global stop
    stop = True

signal.signal(signal.SIGTERM, finish)
while not stop:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            ok = 200 <= response.status < 300
    except Exception:
        ok = False
    now = time.monotonic()
    if not ok:
        down_ms += (now - last) * 1000
        failures += 1
    last = now
    time.sleep(0.05)
print(f"{int(down_ms)} {failures}")
