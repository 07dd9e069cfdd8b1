"""Benchmark ``claimcheck scan`` on a synthetic forum dump and print what it measures.

    python bench/scan_bench.py                  # 200k posts, ~5% holding a claim
    python bench/scan_bench.py --all-claims     # every post holds a claim
    python bench/scan_bench.py --scale 10       # a 10x larger dump (memory stays bounded)
    python bench/scan_bench.py --jobs 1 2 4 --checker tests.scan.scan_fakes:FakeChecker

The dump is written once to bench/out/ (git-ignored) and reused. Each scan runs
as a subprocess (``python -m claimcheck.scan``); the table gives end-to-end
wall time (including start-up: loading the checker in every worker), posts/s,
words/s (whitespace-separated words of the post texts), MB/s of input, and
peak RSS: the largest single process and the largest sum over the process tree
(sampled every 50 ms with psutil; ``getrusage`` of children if psutil is
missing). A sum of RSS counts every shared page (Python, numpy and spaCy
libraries mapped by each worker) once per process; the peak PSS of the tree
(each shared page divided among the processes that map it, from Linux's
``/proc/PID/smaps_rollup``, sampled every 0.5 s) is the memory the scan
actually holds, and is printed next to it. The baseline is a plain read + lower-case + regex for the knowledge
base names on the same file, in one process. Benchmarks print figures; tests
never time anything.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"

WORDS = """
i you he she we they it my your our their me him her us them this that these those a an the and or but so
because if when while then than as at by for from in into of on to with about after before over under up down out
just really very still even also only maybe probably actually basically literally definitely honestly always never
is are was were be been being have has had do does did will would can could should might must get got getting go
went going make made take took think thought know knew feel felt seem seemed look looked want wanted need needed
say said tell told try tried use used work worked help start started stop stopped keep kept find found give gave
day days week weeks month months year years time times morning night today yesterday tomorrow weekend hour minutes
people person guy friend friends family mom dad wife husband kids kid son daughter doctor doctors nurse neighbour
thing things stuff way lot bit post thread reply comment question answer forum sub community group update edit
good bad great better worse best worst new old big small long short high low hard easy real same different sure
home house work job car money food coffee water dog cat phone game games movie show music book weather rain snow
back pain sleep tired energy stress anxiety mood diet exercise gym walk run running weight headache symptoms
anyone someone everyone nobody something anything nothing everything here there where why how what which who
thanks thank please sorry lol imo tbh btw ngl yeah yes no okay ok wow hey hi hello guys folks anyway though
""".split()
RARE = "kowalski subreddit upvoted downvote mods teh recieve definately wierd alot tho gonna wanna kinda dunno".split()
INTERVENTIONS = [
    "ldn",
    "LDN",
    "low dose naltrexone",
    "ivermectin",
    "vitamin d",
    "Vitamin D",
    "hydroxychloroquine",
    "turmeric",
    "fish oil",
    "masks",
    "the vaccine",
    "zinc",
    "melatonin",
    "homeopathy",
]
CONDITIONS = [
    "multiple sclerosis",
    "MS",
    "covid",
    "COVID-19",
    "fibromyalgia",
    "long covid",
    "depression",
    "the flu",
    "cancer",
    "autism",
    "crohn's disease",
    "insomnia",
]
TEMPLATES = [
    "{i} cured my {c}",
    "{i} cures {c}",
    "{i} really helps with {c}",
    "{i} treats {c}",
    "{i} prevents {c}",
    "{i} did nothing for my {c}",
    "has anyone tried {i} for {c}?",
    "my doctor says {i} works for {c}",
    "{i} reversed my {c} in weeks",
    "{i} is the best treatment for {c}",
    "{i} does not cure {c}",
    "I read that {i} may help {c}",
]
NAMES_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(x.lower()) for x in sorted(set(INTERVENTIONS + CONDITIONS), key=len, reverse=True))
    + r")\b"
)


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(RARE) if rng.random() < 0.01 else rng.choice(WORDS) for _ in range(n)]
    text = " ".join(words)
    return text[:1].upper() + text[1:] + rng.choice((".", ".", ".", "!", "?", "..."))


def post_body(rng: random.Random, claim: bool) -> str:
    target = min(int(rng.lognormvariate(3.6, 0.9)) + 3, 3000)  # median ~37 words, long tail
    parts: list[str] = []
    count = 0
    while count < target:
        n = min(rng.randint(4, 24), target - count) or 1
        parts.append(sentence(rng, n))
        count += n
        if rng.random() < 0.12:
            parts.append("\n\n")
    roll = rng.random()
    if claim:
        text = rng.choice(TEMPLATES).format(i=rng.choice(INTERVENTIONS), c=rng.choice(CONDITIONS))
        parts.insert(rng.randint(0, len(parts)), text[:1].upper() + text[1:] + ".")
    elif roll < 0.08:  # health words without a claim
        parts.insert(rng.randint(0, len(parts)), f"Started {rng.choice(INTERVENTIONS)} last week.")
    elif roll < 0.16:
        parts.insert(rng.randint(0, len(parts)), f"My {rng.choice(CONDITIONS)} is acting up again.")
    if rng.random() < 0.05:
        parts.append("https://example.org/t/123 😀")
    return " ".join(parts).replace(" \n\n ", "\n\n")


def generate(path: Path, posts: int, claim_rate: float, seed: int = 1) -> dict:
    """Write the dump; return its meta (posts, words, bytes)."""
    rng = random.Random(seed)
    words = 0
    start = 1_577_836_800  # 2020-01-01
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for i in range(posts):
            body = post_body(rng, rng.random() < claim_rate)
            words += len(body.split())
            post = {
                "id": f"t3_{i:08x}",
                "author": f"user{rng.randint(1, 50_000)}",
                "body": body,
                "created_utc": start + i * 150 + rng.randint(0, 149),
                "score": rng.randint(-5, 500),
            }
            handle.write(json.dumps(post, ensure_ascii=False) + "\n")
    tmp.replace(path)
    meta = {"posts": posts, "words": words, "bytes": path.stat().st_size, "claim_rate": claim_rate}
    path.with_suffix(".meta.json").write_text(json.dumps(meta))
    return meta


def dump_for(posts: int, claim_rate: float) -> tuple[Path, dict]:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"forum-{posts}-{claim_rate:g}.jsonl"
    meta_path = path.with_suffix(".meta.json")
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())
    print(f"generating {path.name} ...", file=sys.stderr)
    return path, generate(path, posts, claim_rate)


def baseline(path: Path) -> float:
    """Seconds to read, lower-case and regex-search every line (one process)."""
    started = time.perf_counter()
    hits = 0
    search = NAMES_RE.search
    with open(path, "rb") as handle:
        for line in handle:
            if search(line.decode("utf-8").lower()):
                hits += 1
    return time.perf_counter() - started


def run_scan(path: Path, jobs: int, checker: str | None, extra: list[str]) -> dict:
    """Run one scan as a subprocess; wall time, CPU time of the process tree, peak RSS."""
    out = OUT / f"findings-j{jobs}.jsonl"
    for stale in (out, Path(f"{out}.checkpoint.json"), Path(f"{out}.errors.jsonl")):
        stale.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "claimcheck.scan",
        str(path),
        "--text-field",
        "body",
        "--time-field",
        "created_utc",
    ]
    cmd += ["-o", str(out), "-j", str(jobs), "--no-progress", *extra]
    if checker:
        cmd += ["--checker", checker]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak_one = peak_tree = peak_pss = 0
    try:
        import psutil

        root = psutil.Process(process.pid)
        ticks = 0
        while process.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                rss = [p.memory_info().rss for p in tree]
            except psutil.Error:
                tree, rss = [], []
            if rss:
                peak_one, peak_tree = max(peak_one, max(rss)), max(peak_tree, sum(rss))
            if tree and ticks % 10 == 0:
                peak_pss = max(peak_pss, sum(_pss(p.pid) for p in tree))
            ticks += 1
            time.sleep(0.05)
    except ImportError:
        pass
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"scan failed ({process.returncode}):\n{stderr}")
    if not peak_one:  # no psutil: max RSS of any finished child process (KiB on Linux)
        peak_one = after.ru_maxrss * 1024
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = stderr.strip().splitlines()[-1]
    return {
        "elapsed": elapsed,
        "cpu": cpu,
        "peak_one": peak_one,
        "peak_tree": peak_tree,
        "peak_pss": peak_pss,
        "summary": summary,
        "load_before": load_before,
    }


def _pss(pid: int) -> int:
    """Proportional set size of a process in bytes (Linux; 0 where smaps_rollup cannot be read)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def startup(jobs: int, checker: str | None) -> dict:
    """A scan of a one-line input: process and checker start-up."""
    path = OUT / "one.jsonl"
    path.write_text('{"id": 1, "body": "hello"}\n')
    return run_scan(path, jobs, checker, [])


def breakdown(path: Path, checker_spec: str | None, sample: int) -> str:
    """Per-post cost of the checker's pre-filter and full check on a sample, in this process."""
    sys.path.insert(0, str(REPO))
    from claimcheck.scan.options import DEFAULT_CHECKER, resolve_factory

    checker = resolve_factory(checker_spec or DEFAULT_CHECKER)()
    texts = []
    with open(path, "rb") as handle:
        for line in handle:
            texts.append(json.loads(line)["body"])
            if len(texts) >= sample:
                break
    checker.may_contain_claim("warm up")
    started = time.perf_counter()
    passed = [t for t in texts if checker.may_contain_claim(t)]
    prefilter = time.perf_counter() - started
    for text in passed[:20]:  # first use builds caches (citations, model vectors): start-up, not per-post cost
        checker.may_contain_claim(text)
        checker.check(text, prefilter=True)
    # as in a scan: the full check right after the pre-filter passed the post, skipping the pieces it ruled out
    check = 0.0
    with_claims = 0
    for text in passed:
        checker.may_contain_claim(text)
        started = time.perf_counter()
        with_claims += bool(checker.check(text, prefilter=True).claims)
        check += time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    return (
        f"checker cost on {len(texts):,} posts ({words / len(texts):.0f} words each), one process:\n"
        f"  may_contain_claim: {prefilter / len(texts) * 1e6:,.0f} us/post; passes {len(passed) / len(texts):.1%} "
        f"of posts ({with_claims / len(texts):.1%} hold a claim)\n"
        f"  check on the posts that pass: {check / max(len(passed), 1) * 1e3:,.2f} ms/post\n"
        f"  => checker alone: {words / (prefilter + check):,.0f} words/s per core"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=200_000, help="posts in the dump (default 200000)")
    parser.add_argument("--claim-rate", type=float, default=0.05, help="share of posts holding a claim")
    parser.add_argument("--all-claims", action="store_true", help="every post holds a claim")
    parser.add_argument("--scale", type=int, default=1, help="multiply --posts (10 for the large dump)")
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to run (default 1 2)"
    )
    parser.add_argument("--checker", help="checker factory (default: the real claimcheck.checker:Checker)")
    parser.add_argument("--no-prefilter", action="store_true", help="also pass --no-prefilter to the scans")
    parser.add_argument(
        "--sample", type=int, default=5000, help="posts in the per-post cost breakdown (0: skip)"
    )
    args = parser.parse_args()
    rate = 1.0 if args.all_claims else args.claim_rate
    path, meta = dump_for(args.posts * args.scale, rate)
    mb = meta["bytes"] / 1e6
    print(
        f"dump: {path.name}: {meta['posts']:,} posts, {meta['words']:,} words "
        f"({meta['words'] / meta['posts']:.1f} per post), {mb:,.1f} MB, claim rate {rate:g}; "
        f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    boot = startup(1, args.checker)
    rows = [("baseline read+lower+regex", 1, baseline(path), 0.0, 0, 0, 0, "")]
    extra = ["--no-prefilter"] if args.no_prefilter else []
    for jobs in args.jobs:
        r = run_scan(path, jobs, args.checker, extra)
        name = f"scan --jobs {jobs}" + (" --no-prefilter" if extra else "")
        rows.append((name, jobs, r["elapsed"], r["cpu"], r["peak_one"], r["peak_tree"], r["peak_pss"], r["summary"]))
    print()
    print(
        f"{'run':30} {'wall s':>7} {'CPU s':>7} {'posts/s':>9} {'words/s':>11} {'words/s/job':>12} "
        f"{'words/CPU-s':>12} {'MB/s':>6} {'peak RSS 1 proc':>16} {'peak RSS tree':>14} {'peak PSS tree':>14}"
    )
    for name, jobs, secs, cpu, one, tree, pss, _ in rows:
        cpu_rate = f"{meta['words'] / cpu:,.0f}" if cpu else "-"
        print(
            f"{name:30} {secs:7.1f} {(f'{cpu:.1f}' if cpu else '-'):>7} {meta['posts'] / secs:9,.0f} "
            f"{meta['words'] / secs:11,.0f} {meta['words'] / secs / jobs:12,.0f} {cpu_rate:>12} {mb / secs:6.1f} "
            f"{(f'{one / 2**20:,.0f} MiB' if one else '-'):>16} {(f'{tree / 2**20:,.0f} MiB' if tree else '-'):>14} "
            f"{(f'{pss / 2**20:,.0f} MiB' if pss else '-'):>14}"
        )
    scans = [r for r in rows if r[0].startswith("scan")]
    for other in scans[1:]:
        print(
            f"speed-up --jobs {other[1]} vs --jobs {scans[0][1]}: {scans[0][2] / other[2]:.2f}x (wall time)"
        )
    for name, *_, summary in scans:
        print(f"{name}: {summary}")
    print(
        f"start-up (one-line input, --jobs 1): {boot['elapsed']:.1f} s wall, {boot['cpu']:.1f} s CPU; "
        f"--jobs 1 without it: {meta['words'] / max(scans[0][2] - boot['elapsed'], 1e-9):,.0f} words/s"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f} (other processes on this machine skew wall times)")
    if args.sample:
        print(breakdown(path, args.checker, args.sample))


if __name__ == "__main__":
    main()
