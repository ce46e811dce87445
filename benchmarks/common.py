"""Shared by the benchmarks: the corpus, the machine line, tables, RESULTS.md."""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
LARGE = Path(os.environ.get("KG_LARGE_CORPUS", "/work/shared/corpus-large/qqnews-2022-2024.jsonl.gz"))
SAMPLES = ROOT / "samples" / "articles"


def machine() -> str:
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 2**30:.0f} GB RAM"
    except ImportError:
        ram = "RAM unknown"
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, {ram}, "
            f"Python {platform.python_version()}")


def table(header: list[str], rows: list[list[object]], right: set[int] | None = None) -> str:
    right = right if right is not None else set(range(1, len(header)))
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---:" if i in right else "---" for i in range(len(header))) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def record(title: str, body: str, smoke: bool) -> None:
    """Print the section, and append it to RESULTS.md unless this is a smoke run."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    section = f"\n## {title}, {stamp}\n\n{machine()}\n\n{body.strip()}\n"
    print(section)
    if not smoke:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(section)


def sample_records(n: int | None, smoke: bool) -> list[dict]:
    """The first n records of the large corpus (or, for a smoke run, records made of the samples)."""
    if smoke or not LARGE.exists():
        from kg.read import read_file

        docs = [doc for path in sorted(SAMPLES.glob("*.txt")) for doc in read_file(path)]
        return [{"id": f"s{i}", "title": d.title, "date": d.date, "source": d.source, "content": d.text}
                for i, d in enumerate(itertools.islice(itertools.cycle(docs), n or 20))]
    with gzip.open(LARGE, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in itertools.islice(lines, n)]


AI_WORDS = ("人工智能", "大模型")


def ai_records(n: int) -> list[dict]:
    """The first n articles of the large corpus whose title or text says 人工智能 or 大模型: the
    reproducible AI sample that the README's figures and screenshots are made from."""
    found = []
    with gzip.open(LARGE, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = (record.get("title") or "") + (record.get("content") or "")
            if any(word in text for word in AI_WORDS):
                found.append(record)
                if len(found) == n:
                    break
    return found


def write_records(path: Path, records) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def smoke_flag() -> bool:
    return "--smoke" in sys.argv[1:]


def fmt(n: float, digits: int = 0) -> str:
    return f"{n:,.{digits}f}"
