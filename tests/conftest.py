"""Shared fixtures: the five sample articles, and files made from them in every format and encoding.

Every fixture file is converted from a real sample article, so the readers are tested on
real text: GB18030 and Big5 bytes, a UTF-8 BOM, an HTML page with scripts and navigation,
Hexo and Jekyll front matter, JSON lines, a JSON array and gzipped JSON lines.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from click.testing import CliRunner, Result

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "articles"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.txt"))

# Sample 003 is a Jekyll post from 荆楚网 about the 2021东湖国际人工智能高峰论坛 in Wuhan;
# it names 武汉昇腾人工智能生态创新中心, whose 昇 OpenCC would turn into 升.
JEKYLL = "003_8aa938fb62833662.txt"
# Sample 000 is a Hexo post (date "Wed, 08 Dec 2021 04:24:00 GMT").
HEXO = "000_2bf540c21e24565d.txt"
# Sample 002 is plain text without front matter.
PLAIN = "002_ac4cb84ef3ed3cf8.txt"
# Sample 004 is Traditional Chinese with inline pinyin (新華網(wǎng)).
TRADITIONAL = "004_7db7e63527ffa01e.txt"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def paragraphs(name: str, count: int = 3) -> list[str]:
    """The first lines of a sample's body that hold Chinese prose, markup stripped."""
    body = re.sub(r"\A\s*---.*?\n---\s*\n", "", sample(name), flags=re.S)
    lines = [re.sub(r"<[^>]+>", "", line).strip() for line in body.splitlines()]
    return [line for line in lines if len(re.findall(r"[\u4e00-\u9fff]", line)) > 20][:count]


def to_traditional(text: str) -> str:
    """Simplified → Traditional (Taiwan forms, which Big5 can encode: 為 not 爲)."""
    return opencc.OpenCC("s2tw").convert(text)


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def gb18030_file(tmp_path: Path) -> Path:
    path = tmp_path / "gb18030.txt"
    path.write_bytes(sample(PLAIN).encode("gb18030"))  # strict: fails loudly if a character is lost
    return path


@pytest.fixture
def big5_file(tmp_path: Path) -> Path:
    path = tmp_path / "big5.txt"
    path.write_bytes(to_traditional(sample(JEKYLL)).encode("big5"))  # strict: fails loudly
    return path


@pytest.fixture
def bom_file(tmp_path: Path) -> Path:
    path = tmp_path / "bom.txt"
    path.write_bytes(sample(PLAIN).encode("utf-8-sig"))
    return path


@pytest.fixture
def html_file(tmp_path: Path) -> Path:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs(JEKYLL))
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>算力网络的枢纽城市 武汉打造人工智能产业发展的“中国样板”</title>
<meta property="article:published_time" content="2021-12-19T15:55:55+08:00">
<meta property="og:url" content="https://news.example.cn/2021/12/19/wuhan.html">
<meta property="og:site_name" content="荆楚网">
<style>body {{ font-family: "宋体"; }} .secret {{ color: red }}</style>
<script>var tracker = "脚本里的文字不该出现";</script>
</head><body>
<nav><a href="/">首页</a> <a href="/tech">导航栏目科技频道</a></nav>
<h1>武汉打造人工智能产业发展的“中国样板”</h1>
<article>
{body}</article>
<script type="text/javascript">document.write("另一段脚本文字");</script>
</body></html>
"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    return path


@pytest.fixture
def hexo_file(tmp_path: Path) -> Path:
    path = tmp_path / "hexo.md"
    path.write_text(sample(HEXO), encoding="utf-8")
    return path


@pytest.fixture
def jekyll_file(tmp_path: Path) -> Path:
    path = tmp_path / "jekyll.md"
    path.write_text(sample(JEKYLL), encoding="utf-8")
    return path


def json_records() -> list[dict]:
    return [
        {"title": "2020中关村论坛AI开源创新与产业智能化平行论坛", "content": "\n".join(paragraphs(PLAIN)),
         "date": "2020-09-18", "url": "https://news.example.cn/a/1", "source": "中国英才网"},
        {"title": "武汉打造人工智能产业发展的中国样板", "text": "\n".join(paragraphs(JEKYLL)),
         "date": "2021-12-19 15:55:55 +0800", "url": "https://news.example.cn/a/2"},
    ]


@pytest.fixture
def jsonl_file(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in json_records()), encoding="utf-8")
    return path


@pytest.fixture
def json_array_file(tmp_path: Path) -> Path:
    path = tmp_path / "news.json"
    path.write_text(json.dumps(json_records(), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def jsonl_gz_file(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for record in json_records():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


# --- running the CLI ---------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store folder that does not exist yet."""
    return tmp_path / "store"


def run_kg(*args: str | Path) -> Result:
    """`kg ARGS...` in-process; stdout and stderr are kept apart on the result."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def kg_process(*args: str | Path, **kwargs) -> subprocess.CompletedProcess:
    """`python -m kg ARGS...` in a child process, for tracebacks, locks and kills."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120, **kwargs)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five samples built once into a store that tests only read."""
    path = tmp_path_factory.mktemp("built") / "store"
    result = run_kg("build", "--store", path, SAMPLES)
    assert result.exit_code == 0, result.output
    return path
