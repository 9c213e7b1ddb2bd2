"""`make bench`: prints pariscall's performance figures beside their targets.

1. Cold start: `pariscall ask "principle 3"` as a new process vs `python -c pass` (same run).
2. Answering in one process: p50/p99 over 6,000 mixed questions; answer + JSON (`ask --json`)
   per never-seen question, mean over the labelled corpus (median of 5 passes).
3. 10,000 synthetic supporters: load time and lookup p99.
4. Peak memory of `pariscall chat` answering piped questions.
5. Slack over HTTP on localhost (bench/slack_http.py), beside a bare aiohttp handler.
6. Two Slack HTTP replicas sharing PostgreSQL, retries sent to the other replica
   (bench/slack_replicas.py): duplicate answers, throughput and p99 beside one replica.
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
RESULTS: list[tuple[str, str, str, bool]] = []


def report(name: str, value: str, target: str, ok: bool) -> None:
    RESULTS.append((name, value, target, ok))
    print(f"  {'ok  ' if ok else 'FAIL'} {name:<44} {value:<28} target {target}", flush=True)


def _percentiles(times_ns: list[int]) -> tuple[float, float]:
    """(p50, p99) in milliseconds."""
    ordered = sorted(times_ns)
    return ordered[len(ordered) // 2] / 1e6, ordered[int(len(ordered) * 0.99)] / 1e6


def _answer_times(core: Any, questions: list[str]) -> list[int]:
    """Nanoseconds the core took to answer each question."""
    times = []
    for question in questions:
        start = time.perf_counter_ns()
        core.answer(question)
        times.append(time.perf_counter_ns() - start)
    return times


def _median_run(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start(env: dict[str, str]) -> None:
    print("1. Cold start (new process, median of 21 runs)")
    pariscall = str(BIN / "pariscall")
    # Byte-code as an installed package has it (pip compiles it; this environment may set
    # PYTHONDONTWRITEBYTECODE, which would make every run compile every module from source).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "bot"),
                    str(ROOT / "adapters")], env=env, check=True)  # fmt: skip
    subprocess.run([pariscall, "ask", "principle 3"], env=env, capture_output=True, check=True)
    bare = _median_run([sys.executable, "-c", "pass"], 21, env)
    ask = _median_run([pariscall, "ask", "principle 3"], 21, env)
    print(f"     python -c pass: {bare * 1000:.1f} ms")
    report("pariscall ask 'principle 3' median", f"{ask * 1000:.1f} ms", "<= 100 ms", ask <= 0.1)
    report("... as a multiple of python -c pass", f"{ask / bare:.1f}x", "<= 10x", ask / bare <= 10)


def _questions(core: object) -> list[str]:
    from bot.core import Core

    assert isinstance(core, Core)
    questions = ["principle 3", "principle three", "third principle", "p7", "#2", "9", "principle IV",
                 "princple 5", "principles", "supporters", "supporters state", "help", "us", "about",
                 "principle 12", "is Microsoft a supporter?", "did Russia sign", "is Canada in?",
                 "is Zorgon Widgets a supporter", "why didn't the US join in 2018?",
                 "how many companies support it?", "what's the weather in Paris",
                 "what does it say about hack back?", "supply chain", "principe 3",
                 "la Russie a-t-elle signé ?", "who launched it", "what is the paris call"]  # fmt: skip
    for p in core.content.principles:
        questions += p.examples
    for t in core.content.topics.values():
        questions += t.examples
    return questions


def in_process() -> None:
    from bot.core import load_core

    core = load_core()
    questions = _questions(core)
    stream = [questions[i % len(questions)] for i in range(6000)]
    random.Random(1).shuffle(stream)
    for q in questions:
        core.answer(q)  # warm the small caches, as a running bot would be
    p50, p99 = _percentiles(_answer_times(core, stream))
    print(f"2. Answering in one process ({len(stream):,} questions, {len(questions)} distinct)")
    report("answer p50, repeated questions", f"{p50:.3f} ms", "<= 0.1 ms", p50 <= 0.1)
    report("answer p99, repeated questions", f"{p99:.3f} ms", "<= 1 ms", p99 <= 1.0)
    # Never-seen questions: the labelled corpus, each asked once with the reply cache empty.
    from bot.evaluation import load_cases

    fresh = [c.question for c in load_cases([ROOT / "tests" / "questions"])]
    core._recent.clear()
    p50, p99 = _percentiles(_answer_times(core, fresh))
    report(f"answer p50, {len(fresh)} never-seen questions", f"{p50:.3f} ms", "<= 0.1 ms",
           p50 <= 0.1)  # fmt: skip
    report(f"answer p99, {len(fresh)} never-seen questions", f"{p99:.3f} ms", "<= 1 ms",
           p99 <= 1.0)  # fmt: skip
    answer_and_json(core, fresh)


def answer_and_json(core: Any, fresh: list[str]) -> None:
    """What `ask --json` costs a never-seen question in process: the answer, `to_dict` and the
    JSON text, mean over the corpus; the median of 5 passes, each with the reply cache empty.
    Printed beside it: the share of routing (`Router.route`) and, within it, of the understanding
    model (`Model.scores`), each timed by a wrapper. CPU time, not wall time: on a shared 2-core
    machine, time spent waiting for a core would otherwise decide the verdict."""
    from adapters.terminal import _JSON
    from bot import matching, understanding

    hooks = [(matching.Router, "route"), (understanding.Model, "scores")]
    spent = [0] * len(hooks)
    originals = [getattr(cls, name, None) for cls, name in hooks]

    def timer(i: int, method: Any) -> Any:
        def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.process_time_ns()
            try:
                return method(self, *args, **kwargs)
            finally:
                spent[i] += time.process_time_ns() - start

        return timed

    runs = []
    for _ in range(5):
        core._recent.clear()
        spent[:] = [0] * len(hooks)
        for i, ((cls, name), method) in enumerate(zip(hooks, originals, strict=True)):
            if method is not None:
                setattr(cls, name, timer(i, method))
        try:
            start = time.process_time_ns()
            for question in fresh:
                _JSON.encode(core.answer(question).to_dict())
            elapsed = time.process_time_ns() - start
        finally:
            for (cls, name), method in zip(hooks, originals, strict=True):
                if method is not None:
                    setattr(cls, name, method)
        runs.append([elapsed / len(fresh) / 1000] + [t / len(fresh) / 1000 for t in spent])
    mean, route, model = (statistics.median(run[i] for run in runs) for i in range(3))
    print(f"     answer + JSON, a question: routing {route:.0f} us (the understanding model "
          f"{model:.0f} us of it), the rest (reply, to_dict, JSON) {mean - route:.0f} us")  # fmt: skip
    report(f"answer + JSON, mean of {len(fresh)} never-seen", f"{mean:.0f} us", "<= 80 us",
           mean <= 80)  # fmt: skip


def many_supporters() -> None:
    from bot.core import load_core
    from bot.importer import import_supporters

    print("3. 10,000 synthetic supporters")
    rng = random.Random(7)
    syllables = ["cy", "ber", "sec", "net", "tech", "lab", "gov", "data", "tru", "st", "on", "ix",
                 "ar", "po", "lis", "ver", "da", "mo", "ka", "ri"]  # fmt: skip
    names = set()
    while len(names) < 10_000:
        words = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title()
                 for _ in range(rng.randint(1, 3))]  # fmt: skip
        names.add(" ".join(words) + rng.choice(["", " Inc.", " Foundation", " Institute", " SA"]))
    categories = ["private-sector", "civil-society", "public-authority", "state"]
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "supporters.csv"
        with export.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
            writer.writerow(
                ["name", "category", "nationality", "nature", "website", "twitter", "date_signed"]
            )
            for name in sorted(names):
                writer.writerow([name, rng.choice(categories), "FRA", "Entreprise", "", "", ""])
        data = Path(tmp) / "data"
        import_supporters(str(export), data)
        load_core()  # content cache warm, so this measures the supporters list
        start = time.perf_counter()
        core = load_core(data_dir=data)
        load = time.perf_counter() - start
        report("load with 10,000 supporters", f"{load * 1000:.0f} ms", "<= 1000 ms", load <= 1.0)
        sample = rng.sample(sorted(names), 1000)
        queries = []
        for i, name in enumerate(sample):
            kind = i % 4
            if kind == 1:  # a typo
                pos = rng.randrange(len(name))
                name = name[:pos] + name[pos + 1 :]
            elif kind == 2:
                name = "Zorgon " + name  # not in the list
            queries.append(f"is {name} a supporter?" if kind != 3 else f"supporter {name.lower()}")
        p50, p99 = _percentiles(_answer_times(core, queries))
        report("supporter lookup p99 (1,000 lookups)", f"{p99:.2f} ms (p50 {p50:.2f})", "<= 5 ms",
               p99 <= 5.0)  # fmt: skip


_PEAK = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL)
proc.stdin.write(sys.stdin.buffer.read())
proc.stdin.close()
print(os.wait4(proc.pid, 0)[2].ru_maxrss)
"""


def _chat_peak(env: dict[str, str]) -> float:
    """Peak RSS (MB) of `pariscall chat` answering piped questions.

    Measured from a small intermediate process: a child forked from this (large) benchmark
    process would count the parent's pages in its peak before it execs.
    """
    questions = "\n".join(["principle 3", "supporters", "did Russia sign", "is Canada in?",
                           "what does it say about hack back?"] * 40) + "\n"  # fmt: skip
    result = subprocess.run([sys.executable, "-c", _PEAK, str(BIN / "pariscall"), "chat"],
                            input=questions.encode(), capture_output=True, env=env, check=True)  # fmt: skip
    return int(result.stdout) / 1024  # kilobytes on Linux


def chat_memory(env: dict[str, str]) -> None:
    print("4. Peak memory of `pariscall chat` (200 piped questions)")
    with tempfile.TemporaryDirectory() as cache:
        fresh = _chat_peak({**env, "PARISCALL_CACHE_DIR": cache})  # validates: YAML + pydantic
        steady = _chat_peak({**env, "PARISCALL_CACHE_DIR": cache})  # loads the cached core
    print(f"     first start after a content change (validation): {fresh:.1f} MB")
    report("pariscall chat peak RSS", f"{steady:.1f} MB", "<= 30 MB", steady <= 30)


def slack_http() -> None:
    print("5. Slack over HTTP on localhost (20 concurrent connections)")
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        import slack_http as bench_slack
    except ImportError as exc:
        print(f"     skipped: {exc}")
        return
    figures = bench_slack.main()
    if isinstance(figures, dict) and {"ratio", "p99_ms"} <= set(figures):
        # Medians over the rounds (bench/slack_http.py), each ratio against bare aiohttp's
        # throughput in the same round.
        report("Slack throughput / bare aiohttp", f"{figures['ratio']:.2f}", ">= 0.5",
               figures["ratio"] >= 0.5)  # fmt: skip
        report(
            "Slack p99 latency", f"{figures['p99_ms']:.1f} ms", "< 50 ms", figures["p99_ms"] < 50
        )
        varied, p99 = figures["varied_ratio"], figures["varied_p99_ms"]
        report("Slack never-seen questions / bare aiohttp", f"{varied:.2f}", ">= 0.35",
               varied >= 0.35)  # fmt: skip
        report("Slack never-seen questions p99", f"{p99:.1f} ms", "< 30 ms", p99 < 30)


def slack_replicas() -> None:
    print("6. Two Slack HTTP replicas sharing PostgreSQL (retries land on the other replica)")
    sys.path.insert(0, str(ROOT / "bench"))
    import slack_replicas as bench_replicas

    figures = bench_replicas.main()
    if figures:
        two = figures["two"]
        wrong = two["duplicates"] + two["missing"] + two["errors"]
        report("Slack replicas: duplicate/missing answers", f"{wrong:.0f}", "0", wrong == 0)


def main() -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    with tempfile.TemporaryDirectory() as home:
        env.update(PARISCALL_CACHE_DIR=f"{home}/cache", PARISCALL_DATA_DIR=f"{home}/data")
        print(f"pariscall bench on {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
        cold_start(env)
        in_process()
        many_supporters()
        chat_memory(env)
        slack_http()
        slack_replicas()
    failed = [r for r in RESULTS if not r[3]]
    print(f"\n{len(RESULTS) - len(failed)} of {len(RESULTS)} targets met.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
