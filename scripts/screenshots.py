"""The README's screenshots of the network view, made from the real corpus.

    .venv/bin/python scripts/screenshots.py          # writes docs/graph*.png

The graph is built from the first 500 articles of the large corpus that say 人工智能 or
大模型 (`benchmarks/common.py`, `ai_records`), drawn with `kg viz` as a user would, and
shot in headless Chromium at 1400×900: the first screen, then zoomed in on the
best-connected entity, then `kg viz --ego 华为 --depth 2`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from common import ai_records, write_records  # noqa: E402

from tests.export.chromium import Chromium  # noqa: E402

KG = [sys.executable, "-m", "kg"]
DOCS = ROOT / "docs"


def kg(*args: str) -> None:
    subprocess.run([*KG, *args], check=True, stdout=subprocess.DEVNULL)


def shoot(page: Path, out: Path, zoom_on_top: bool = False) -> list[str]:
    """Screenshot `page` (optionally zoomed on its most important node); return the names drawn."""
    with Chromium(width=1400, height=900) as chrome:
        chrome.open(page)
        chrome.wait_for("window.kgSettled")
        if zoom_on_top:
            chrome.eval("""(() => { const top = window.kgNodes.get({filter: n => n.rank === 0})[0];
                window.kgNetwork.focus(top.id, {scale: 1.2}); })()""")
        chrome.pump(0.5)
        chrome.screenshot(out)
        return chrome.eval("window.kgNames.map(n => n.name)")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kg-screenshots-") as tmp:
        work = Path(tmp)
        corpus = write_records(work / "ai-500.jsonl.gz", ai_records(500))
        store = str(work / "store")
        kg("build", "--store", store, str(corpus))
        kg("viz", "--store", store, "-o", str(work / "graph.html"))
        kg("viz", "--store", store, "--ego", "华为", "--depth", "2", "-o", str(work / "huawei.html"))
        for page, name, zoom in (("graph.html", "graph.png", False), ("graph.html", "graph-zoom.png", True),
                                 ("huawei.html", "graph-ego.png", False)):
            names = shoot(work / page, DOCS / name, zoom)
            print(f"docs/{name}: {len(names)} names drawn, first {', '.join(names[:8])}")


if __name__ == "__main__":
    main()
