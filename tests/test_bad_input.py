"""Bad input, each its own test: one clear failure line naming the file and the reason,
a non-zero exit code (0 with --keep-going), and the good articles beside it still land."""

from __future__ import annotations

import errno
import gzip
import json
import os
import resource
import shutil
from pathlib import Path

import pytest

from kg.api import KnowledgeGraph
from tests.conftest import HEXO, JEKYLL, PLAIN, SAMPLES, kg_process, run_kg, sample

GOOD = [PLAIN, JEKYLL]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with two good sample articles; each test adds one bad file."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def failure_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def build_and_check(store: Path, paths: list[Path], bad: Path | str, reason: str) -> None:
    """The whole contract, once without and once with --keep-going."""
    result = run_kg("build", "--store", store, *paths)
    assert result.exit_code == 1, result.output
    [line] = failure_lines(result.stderr)
    assert line == f"failed: {bad}: {line.split(': ', 2)[2]}"
    assert reason in line
    assert "Traceback" not in result.output
    assert "2 new" in result.stdout and "1 failed" in result.stdout

    with KnowledgeGraph.open(str(store), read_only=True) as kg:
        files = sorted(state.file_name for state in kg.store.articles().values())
    assert files == sorted(GOOD)

    again = run_kg("build", "--keep-going", "--store", store, *paths)
    assert again.exit_code == 0, again.output
    assert failure_lines(again.stderr) == [line]
    assert "2 unchanged" in again.stdout


def test_empty_file(corpus, store):
    bad = corpus / "empty.txt"
    bad.write_bytes(b"")
    build_and_check(store, [corpus], bad, "empty file")


def test_binary_file(corpus, store):
    bad = corpus / "picture.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8)
    build_and_check(store, [corpus], bad, "binary file")


def test_undecodable_bytes(corpus, store):
    text = sample(PLAIN)
    head, tail = text[:300].encode("utf-8"), text[300:].encode("utf-8")
    bad = corpus / "broken-utf8.txt"
    bad.write_bytes(head + b"\xff\xfe\x80\x81" + tail)  # valid UTF-8 but for four bytes in the middle
    build_and_check(store, [corpus], bad, f"undecodable bytes at offset {len(head)}: broken UTF-8")


def test_broken_front_matter(corpus, store):
    bad = corpus / "broken.md"
    bad.write_text("---\ntitle: [2021东湖国际人工智能高峰论坛\ndate: 2021-12-19\n---\n" + sample(PLAIN),
                   encoding="utf-8")
    build_and_check(store, [corpus], bad, "broken front matter")


def test_fifty_megabyte_file(corpus, store):
    bad = corpus / "huge.txt"
    line = ("2021东湖国际人工智能高峰论坛在武汉市成功举办。" * 20 + "\n").encode("utf-8")
    with bad.open("wb") as handle:
        for _ in range(50 * 2**20 // len(line) + 1):
            handle.write(line)
    assert bad.stat().st_size >= 50 * 2**20
    build_and_check(store, [corpus], bad, "file too large")


def test_unreadable_file_in_a_folder(corpus, store):
    bad = corpus / "x.txt"
    bad.symlink_to(corpus / "gone.txt")  # a dangling link: unreadable even for root
    build_and_check(store, [corpus], bad, "cannot read")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads a chmod-000 file")
def test_file_without_read_permission(corpus, store):
    bad = corpus / "secret.txt"
    bad.write_text(sample(PLAIN), encoding="utf-8")
    bad.chmod(0)
    try:
        build_and_check(store, [corpus], bad, "cannot read")
    finally:
        bad.chmod(0o644)


def test_folder_with_no_articles(corpus, store, tmp_path):
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK\x03\x04")
    (empty / ".hidden.txt").write_text(sample(PLAIN), encoding="utf-8")
    build_and_check(store, [corpus, empty], empty, "no articles in this folder")


def test_path_that_does_not_exist(corpus, store, tmp_path):
    missing = tmp_path / "missing.txt"
    build_and_check(store, [corpus, missing], missing, "no such file or folder")


def test_relative_permalink_is_no_url(corpus, store):
    """A Jekyll `permalink: /join.html` is a path on an unknown site: the article lands without a URL."""
    post = corpus / "join.md"
    post.write_text("---\ntitle: 加入我们\npermalink: /join.html\n---\n" + sample(PLAIN), encoding="utf-8")
    result = run_kg("build", "--store", store, corpus)
    assert result.exit_code == 0, result.output
    assert "3 new" in result.stdout
    with KnowledgeGraph.open(str(store), read_only=True) as kg:
        urls = kg.query("SELECT ?u WHERE { GRAPH ?g { ?a <https://schema.org/url> ?u } }")
    assert list(urls) == []


def test_an_article_that_fails_to_resolve_fails_alone(corpus, store, monkeypatch):
    """Whatever goes wrong in resolve for one article is that article's failure, with its path."""
    import kg.build

    real = kg.build.resolve

    def fragile(extraction, persons=None):
        if extraction.article.file_name == PLAIN:
            raise ValueError("a bad IRI")
        return real(extraction, persons)

    monkeypatch.setattr(kg.build, "resolve", fragile)
    result = run_kg("build", "--keep-going", "--store", store, corpus)
    assert result.exit_code == 0, result.output
    [line] = failure_lines(result.stderr)
    assert line == f"failed: {corpus / PLAIN}: cannot resolve: ValueError: a bad IRI"
    assert "1 new" in result.stdout and "1 failed" in result.stdout


def two_gigabytes_at_most() -> None:
    """A child's address space: a reader that does not bound its reads fails fast instead of
    taking the machine's memory (a link to /dev/zero reached 13.6 GB in 15 s)."""
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def test_only_regular_files_are_read(corpus, store):
    """A `.txt` link to /dev/zero never ends and a FIFO waits forever for a writer: each is a named,
    skipped failure, and neither is opened for reading."""
    (corpus / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(corpus / "pipe.txt")
    result = kg_process("build", "--store", store, corpus, preexec_fn=two_gigabytes_at_most)
    assert result.returncode == 1, result.stderr
    assert failure_lines(result.stderr) == [
        f"failed: {corpus / 'pipe.txt'}: not a regular file: a named pipe (FIFO)",
        f"failed: {corpus / 'zero.txt'}: not a regular file: a character device"]
    assert "2 new" in result.stdout and "2 failed" in result.stdout


def test_gzip_whose_compressed_data_is_corrupt(corpus, store):
    good = "".join(json.dumps({"id": str(i), "content": sample(PLAIN)}, ensure_ascii=False) + "\n" for i in range(3))
    data = bytearray(gzip.compress(good.encode("utf-8")))
    data[40:60] = bytes(b ^ 0x55 for b in data[40:60])  # the header is intact, the deflate stream is not
    bad = corpus / "corrupt.jsonl.gz"
    bad.write_bytes(bytes(data))
    build_and_check(store, [corpus], bad, "broken gzip")


def refuse_to_list(folder: Path, monkeypatch) -> None:
    """Make the system refuse to list `folder`. Root may list any folder, so the refusal is played
    by `os.scandir`, which `os.walk` calls (the test after next makes a real one, for other users)."""
    real = os.scandir

    def scandir(top):
        if os.fspath(top) == str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))
        return real(top)

    monkeypatch.setattr(os, "scandir", scandir)


def sub_folder(corpus: Path, name: str) -> Path:
    """A sub-folder of the corpus holding one more article."""
    folder = corpus / name
    folder.mkdir()
    shutil.copy(SAMPLES / HEXO, folder / HEXO)
    return folder


def test_a_sub_folder_that_cannot_be_listed(corpus, store, monkeypatch):
    locked = sub_folder(corpus, "locked")
    refuse_to_list(locked, monkeypatch)
    build_and_check(store, [corpus], locked, "cannot read this folder: Permission denied")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root lists a chmod-000 folder")
def test_a_sub_folder_without_read_permission(corpus, store):
    secret = sub_folder(corpus, "secret")
    secret.chmod(0)
    try:
        build_and_check(store, [corpus], secret, "cannot read this folder: Permission denied")
    finally:
        secret.chmod(0o755)


def test_prune_keeps_the_articles_of_a_folder_it_could_not_list(corpus, store, monkeypatch):
    more = sub_folder(corpus, "more")
    assert "3 new" in run_kg("build", "--store", store, corpus).stdout
    refuse_to_list(more, monkeypatch)
    result = run_kg("build", "--prune", "--keep-going", "--store", store, corpus)
    assert "0 pruned" in result.stdout and "1 failed" in result.stdout
    with KnowledgeGraph.open(str(store), read_only=True) as kg:
        assert len(kg.store.articles()) == 3
