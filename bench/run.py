"""`make bench`: prints pariscall's performance figures beside their targets.

1. Cold start: `pariscall ask "principle 3"` as a new process, as a multiple of the floor
   (bench/floor.py: the same answer from the same content as plain data), same run.
2. Answering in one process: p50/p99 over 6,000 mixed questions; answer + JSON (`ask --json`)
   per never-seen question, mean over the labelled corpus (median of 5 passes). CPU time.
3. 100,000 synthetic supporters: import (CPU time, median of 5), cold ask beside the bundled
   list, category list, autocomplete and lookup times (CPU time), peak memory.
4. Peak memory of `pariscall chat` answering piped questions.
5. Slack over HTTP on localhost (bench/slack_http.py), beside a bare aiohttp handler.
6. Two Slack HTTP replicas sharing PostgreSQL, retries sent to the other replica
   (bench/slack_replicas.py): duplicate answers, throughput and p99 beside one replica.

`python bench/run.py 1 4` runs only the sections named.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import floor  # noqa: E402  (bench/, beside this file)

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
    """CPU nanoseconds the core took to answer each question. CPU time, not wall time: on a
    shared 2-core machine a question the scheduler set aside for a few milliseconds would make
    the p99 (and a slow spell the p50) measure the neighbours, not the answer."""
    times = []
    for question in questions:
        start = time.process_time_ns()
        core.answer(question)
        times.append(time.process_time_ns() - start)
    return times


def _alternated(
    cmds: dict[str, list[str]], runs: int, envs: dict[str, dict[str, str]]
) -> dict[str, tuple[float, float]]:
    """Each command's median (CPU time, wall time) in seconds, the commands run in turns (each
    with its own environment), so that a slower spell of a shared machine falls on all of them
    alike. The verdicts use CPU time (user + system, from the kernel): on a shared 2-core machine
    the wall time also counts waiting for a core, and changes from run to run."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    env=envs[name])  # fmt: skip
            _, status, usage = os.wait4(proc.pid, 0)
            assert status == 0, f"{cmd} failed"
            times[name].append((usage.ru_utime + usage.ru_stime, time.perf_counter() - start))
    return {name: (statistics.median(t[0] for t in values), statistics.median(t[1] for t in values))
            for name, values in times.items()}  # fmt: skip


def _compile(env: dict[str, str]) -> None:
    """Byte-code as an installed package has it (pip compiles it; this environment may set
    PYTHONDONTWRITEBYTECODE, which would make every run compile every module from source)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "bot"),
                    str(ROOT / "adapters"), str(ROOT / "bench")], env=env, check=True)  # fmt: skip


def cold_start(env: dict[str, str]) -> None:
    runs = 41
    print(f"1. Cold start (new processes, medians of {runs} alternated runs; CPU time, wall time)")
    env = {**env, "COLUMNS": "80"}
    _compile(env)
    ask = [str(BIN / "pariscall"), "ask", "principle 3"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "floor.pickle"
        floor.write_data(data)
        floor_cmd = [sys.executable, str(ROOT / "bench" / "floor.py"), str(data)]
        said = subprocess.run(ask, env=env, capture_output=True, check=True).stdout
        if subprocess.run(floor_cmd, env=env, capture_output=True, check=True).stdout != said:
            raise SystemExit("bench/floor.py no longer prints what `pariscall ask` prints")
        cmds = {"floor": floor_cmd, "ask": ask, "bare": [sys.executable, "-c", "pass"]}
        median = _alternated(cmds, runs, dict.fromkeys(cmds, env))

    def ms(name: str) -> str:
        return f"{median[name][0] * 1000:.1f} ms, {median[name][1] * 1000:.1f} ms"

    print(f"     python -c pass: {ms('bare')}")
    print(f"     the floor (bench/floor.py: the same answer from the same content as plain data): "
          f"{ms('floor')}")  # fmt: skip
    ratio = median["ask"][0] / median["floor"][0]
    wall = median["ask"][1] / median["floor"][1]
    report("pariscall ask 'principle 3' / floor", f"{ratio:.2f}x (wall {wall:.2f}x)", "<= 1.6x",
           ratio <= 1.6)  # fmt: skip
    print(f"     pariscall ask 'principle 3': {ms('ask')}")


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
    import json

    from bot import matching, understanding

    encode = json.JSONEncoder(ensure_ascii=False).encode  # as `ask --json` writes each answer

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
                encode(core.answer(question).to_dict())
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


SUPPORTERS_ROWS = 100_000


def synthetic_export(path: Path, rows: int, seed: int = 7) -> list[str]:
    """Write an export of `rows` made-up supporters in the official CSV format; their names."""
    rng = random.Random(seed)
    syllables = ["cy", "ber", "sec", "net", "tech", "lab", "gov", "data", "tru", "st", "on", "ix",
                 "ar", "po", "lis", "ver", "da", "mo", "ka", "ri"]  # fmt: skip
    names: set[str] = set()
    while len(names) < rows:
        words = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title()
                 for _ in range(rng.randint(1, 3))]  # fmt: skip
        names.add(" ".join(words) + rng.choice(["", " Inc.", " Foundation", " Institute", " SA"]))
    categories = ["private-sector", "civil-society", "public-authority", "state"]
    ordered = sorted(names)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(
            ["name", "category", "nationality", "nature", "website", "twitter", "date_signed"]
        )
        for name in ordered:
            writer.writerow([name, rng.choice(categories), rng.choice(["FRA", "DEU", "USA", ""]),
                             "Entreprise", "", "", rng.choice(["", "2019-05-02"])])  # fmt: skip
    return ordered


def many_supporters(env: dict[str, str]) -> None:
    rows = SUPPORTERS_ROWS
    print(f"3. {rows:,} synthetic supporters (the official CSV export format)")
    pariscall = str(BIN / "pariscall")
    _compile(env)
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "supporters.csv"
        names = synthetic_export(export, rows)
        big = {**env, "PARISCALL_DATA_DIR": f"{tmp}/data", "PARISCALL_CACHE_DIR": f"{tmp}/cache"}
        small = {**env, "PARISCALL_DATA_DIR": f"{tmp}/none", "PARISCALL_CACHE_DIR": f"{tmp}/cache"}
        # The bundled content's cache is warm, as on a server where the bot already ran.
        subprocess.run([pariscall, "ask", "help"], env=small, capture_output=True, check=True)
        # CPU time (the import is CPU work: its files are a few MB), median of 5: the first
        # import also trains the understanding model (the list's names are new to it).
        took, wall = _alternated({"import": [pariscall, "supporters", "import", str(export)]}, 5,
                                 {"import": big})["import"]  # fmt: skip
        report("pariscall supporters import (median of 5)",
               f"{took * 1000:.0f} ms (wall {wall * 1000:.0f} ms)", "<= 1000 ms", took <= 1.0)  # fmt: skip
        question = ["ask", "did Russia sign?"]
        cold = _alternated({"big": [pariscall, *question], "small": [pariscall, *question]},
                           21, {"big": big, "small": small})  # fmt: skip
        ratio = cold["big"][1] / cold["small"][1]
        print(
            f"     cold ask: {cold['big'][1] * 1000:.1f} ms with {rows:,} rows, "
            f"{cold['small'][1] * 1000:.1f} ms with the bundled list (wall, medians of 21, "
            "alternated)"
        )
        report(f"cold ask, {rows:,} rows / bundled list", f"{ratio:.2f}x", "<= 2x", ratio <= 2.0)
        peak = _chat_peak(big)
        report(f"pariscall chat peak RSS, {rows:,} rows", f"{peak:.1f} MB", "<= 80 MB", peak <= 80)

        from bot.core import load_core

        core = load_core(data_dir=Path(tmp) / "data", cache_dir=Path(tmp) / "cache")
        rng = random.Random(11)
        categories = [f"supporters {c}" for c in ("state", "public-authority", "civil-society",
                                                  "private-sector")] + ["supporters"]  # fmt: skip
        times = []
        for i in range(500):
            core._recent.clear()  # every listing built again, not served from the reply cache
            start = time.process_time_ns()
            core.answer(categories[i % len(categories)])
            times.append(time.process_time_ns() - start)
        p50, p99 = _percentiles(times)
        # Medians: on a shared 2-core machine a p99 of sub-millisecond work measures the neighbours.
        report("category list median (500 listings)", f"{p50:.3f} ms (p99 {p99:.3f})", "<= 1 ms",
               p50 <= 1.0)  # fmt: skip
        prefixes = [rng.choice(names)[: rng.randint(0, 6)] for _ in range(1000)]
        times = []
        for prefix in prefixes:
            start = time.process_time_ns()
            core.complete_supporters(prefix, 25)
            times.append(time.process_time_ns() - start)
        p50, p99 = _percentiles(times)
        report("autocomplete median (1,000 prefixes)", f"{p50:.3f} ms (p99 {p99:.3f})", "<= 1 ms",
               p50 <= 1.0)  # fmt: skip
        queries = []
        for i, name in enumerate(rng.sample(names, 1000)):
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
    _compile(env)  # a module compiled from source at every start would count the compiler's memory
    with tempfile.TemporaryDirectory() as cache:
        fresh = _chat_peak({**env, "PARISCALL_CACHE_DIR": cache})  # validates: YAML + pydantic
        steady = _chat_peak({**env, "PARISCALL_CACHE_DIR": cache})  # loads the cached core
    print(f"     first start after a content change (validation): {fresh:.1f} MB")
    report("pariscall chat peak RSS", f"{steady:.1f} MB", "<= 15 MB", steady <= 15)


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


def main(argv: list[str]) -> int:
    """Every section, or those named, by name or number (`python bench/run.py cold 4`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    sections: dict[str, Callable[[dict[str, str]], None]] = {
        "cold": cold_start, "answers": lambda _: in_process(), "supporters": many_supporters,
        "memory": chat_memory, "slack": lambda _: slack_http(), "replicas": lambda _: slack_replicas(),
    }  # fmt: skip
    unknown = [a for a in argv if a not in sections and a not in map(str, range(1, 7))]
    if unknown:
        print(f"bench: unknown section(s) {', '.join(unknown)}; choose from {', '.join(sections)}")
        return 2
    with tempfile.TemporaryDirectory() as home:
        env.update(PARISCALL_CACHE_DIR=f"{home}/cache", PARISCALL_DATA_DIR=f"{home}/data")
        print(f"pariscall bench on {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
        for name, section in sections.items():
            if argv and name not in argv and str(list(sections).index(name) + 1) not in argv:
                continue
            section(env)
    failed = [r for r in RESULTS if not r[3]]
    print(f"\n{len(RESULTS) - len(failed)} of {len(RESULTS)} targets met.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
