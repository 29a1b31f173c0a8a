#!/usr/bin/env python3
"""Time `optimlab grade` on one submission against the bare `swiftc -Onone` compile of the same file.

Usage: tools/bench_grade.py [--runs N] [--optimlab PATH] [--exercise ID] [SUBMISSION]

The harness library is built once before timing (it is cached per toolchain), so the numbers are the
per-submission cost a student or CI sees. Reports the median and min of each, and their ratio; the
target is a ratio of at most 1.15.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

def timed(cmd, **kw):
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    return time.perf_counter() - start, r.returncode, r.stderr, r.stdout

def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--optimlab", default=os.path.join(root, ".build", "release", "optimlab"))
    p.add_argument("--exercise", default="adamw")
    p.add_argument("submission", nargs="?", default=os.path.join(root, "exercises", "adamw", "solution", "AdamW.swift"))
    a = p.parse_args()
    swiftc = os.environ.get("OPTIMLAB_SWIFTC", "swiftc")
    grade = [a.optimlab, "grade", a.submission, "--exercise", a.exercise, "--format", "json", "--seed", "1"]
    with tempfile.TemporaryDirectory() as tmp:
        bare = [swiftc, "-Onone", "-swift-version", "6", a.submission, "-o", os.path.join(tmp, "bare"),
                "-module-cache-path", os.path.join(tmp, "mc")]
        for cmd in (grade, bare):                         # warm-up: harness library, module caches
            _, rc, err, _ = timed(cmd, cwd=root)
            if rc != 0:
                sys.exit(f"{' '.join(cmd)} failed ({rc}): {err.decode()[:2000]}")
        g, b, compile_in_grader = [], [], []
        for _ in range(a.runs):                           # interleaved, so load changes hit both alike
            seconds, _, _, out = timed(grade, cwd=root)
            g.append(seconds)
            compile_in_grader.append(json.loads(out)["submissions"][0]["compile_seconds"])
            b.append(timed(bare, cwd=root)[0])
    mg, mb = statistics.median(g), statistics.median(b)
    print(f"grade (compile + {a.exercise} cases): median {mg:.3f} s, min {min(g):.3f} s over {a.runs} runs")
    print(f"bare swiftc -Onone:              median {mb:.3f} s, min {min(b):.3f} s")
    print(f"  of which the sandboxed compile: median {statistics.median(compile_in_grader):.3f} s")
    print(f"ratio (median): {mg / mb:.2f}x   ratio (min): {min(g) / min(b):.2f}x   target <= 1.15x")

if __name__ == "__main__":
    main()
