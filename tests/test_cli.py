"""The `kg` command end to end: build, query, export, stats, help and errors."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from kg.cli import for_terminal, main
from tests.conftest import JEKYLL, ROOT, SAMPLES, kg_process, paragraphs, run_kg

HOSTS_QUERY = "SELECT ?file WHERE { ?a a kgo:Article ; kgo:fileName ?file } ORDER BY ?file"
SAMPLE_FILES = sorted(p.name for p in SAMPLES.glob("*.txt"))


def test_build_then_export_turtle_that_rdflib_parses(store, tmp_path):
    built = run_kg("build", "--store", store, SAMPLES)
    assert built.exit_code == 0, built.output
    assert built.stdout.startswith("5 articles read: 5 new, 0 changed, 0 unchanged")
    assert "entities" in built.stdout and "relations" in built.stdout
    assert built.stderr == ""  # no progress bar when not on a terminal

    target = tmp_path / "out" / "kg.ttl"
    exported = run_kg("export", "--store", store, "--format", "turtle", "-o", target)
    assert exported.exit_code == 0, exported.output
    assert f"statements written to {target}" in exported.stdout
    graph = rdflib.Graph().parse(target, format="turtle")
    articles = set(graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/china-ai-kg/ontology#Article")))
    assert len(articles) == 5


@pytest.mark.parametrize(("fmt", "rdflib_format", "dataset"), [
    ("turtle", "turtle", False),
    ("nt", "nt", False),
    ("jsonld", "json-ld", False),
    ("nquads", "nquads", True),
    ("trig", "trig", True),
])
def test_every_export_format_parses_with_rdflib(built_store, tmp_path, fmt, rdflib_format, dataset):
    target = tmp_path / f"kg.{fmt}"
    result = run_kg("export", "--store", built_store, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    count = int(result.stdout.split()[0])
    if dataset:
        parsed = rdflib.Dataset()
        parsed.parse(target, format=rdflib_format)
        graphs = {g.identifier for g in parsed.graphs() if len(g)}
        assert sum(1 for g in graphs if "/article/" in str(g)) == 5  # one named graph per article
        assert len(list(parsed.quads((None, None, None, None)))) == count
    else:
        parsed = rdflib.Graph().parse(target, format=rdflib_format)
        assert len(parsed) == count
    assert count > 500


def test_nt_and_turtle_hold_the_same_graph(built_store, tmp_path):
    from rdflib.compare import isomorphic

    run_kg("export", "--store", built_store, "--format", "turtle", "-o", tmp_path / "a.ttl")
    run_kg("export", "--store", built_store, "--format", "nt", "-o", tmp_path / "a.nt")
    assert isomorphic(rdflib.Graph().parse(tmp_path / "a.ttl"), rdflib.Graph().parse(tmp_path / "a.nt"))


def test_query_as_a_table(built_store):
    result = run_kg("query", "--store", built_store, HOSTS_QUERY)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "file" and set(lines[1].strip()) == {"-"}
    assert [line.strip() for line in lines[2:7]] == SAMPLE_FILES
    assert lines[-1] == "(5 rows)"


def test_query_as_csv_and_tsv(built_store):
    as_csv = run_kg("query", "--store", built_store, "--format", "csv", HOSTS_QUERY)
    assert list(csv.reader(io.StringIO(as_csv.stdout))) == [["file"], *([n] for n in SAMPLE_FILES)]
    as_tsv = run_kg("query", "--store", built_store, "--format", "tsv",
                    "SELECT ?file ?hash WHERE { ?a kgo:fileName ?file ; kgo:contentHash ?hash } ORDER BY ?file")
    rows = list(csv.reader(io.StringIO(as_tsv.stdout), delimiter="\t"))
    assert rows[0] == ["file", "hash"]
    assert [r[0] for r in rows[1:]] == SAMPLE_FILES and all(len(r[1]) == 64 for r in rows[1:])


def test_query_as_json(built_store):
    result = run_kg("query", "--store", built_store, "--format", "json", HOSTS_QUERY)
    assert json.loads(result.stdout) == [{"file": name} for name in SAMPLE_FILES]


def test_ask_query(built_store):
    result = run_kg("query", "--store", built_store, "ASK { ?a a kgo:Article }")
    assert result.stdout == "True\n"


def test_query_from_a_file(built_store, tmp_path):
    path = tmp_path / "articles.rq"
    path.write_text("# the article files\n" + HOSTS_QUERY + "\n", encoding="utf-8")
    result = run_kg("query", "--store", built_store, "--format", "csv", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == SAMPLE_FILES


def test_curated_query_file_runs(built_store):
    result = run_kg("query", "--store", built_store, "--format", "json", ROOT / "queries" / "articles.rq")
    assert result.exit_code == 0, result.output
    assert sorted(row["file"] for row in json.loads(result.stdout)) == SAMPLE_FILES


def test_param_binds_a_variable_as_a_term(built_store):
    query = "SELECT ?title WHERE { ?a kgo:fileName ?file ; dcterms:title ?title }"
    result = run_kg("query", "--store", built_store, "--format", "json", "--param",
                    'file="003_8aa938fb62833662.txt"', query)
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["title"].startswith("算力网络的枢纽城市")


def test_a_bare_param_value_is_a_chinese_name(built_store):
    query = "SELECT ?e WHERE { ?e rdfs:label ?name }"
    result = run_kg("query", "--store", built_store, "--format", "json", "--param", "name=百度", query)
    assert len(json.loads(result.stdout)) == 1
    english = run_kg("query", "--store", built_store, "--format", "json", "--param", 'name="Baidu"@en', query)
    assert json.loads(english.stdout) == json.loads(result.stdout)


def test_param_is_never_pasted_into_the_query(built_store):
    query = "SELECT ?a WHERE { ?a kgo:fileName ?file }"
    result = run_kg("query", "--store", built_store, "--format", "json", "--param",
                    'file=x" } ?a ?b ?c . { ?a kgo:fileName "y', query)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_stats(built_store):
    result = run_kg("stats", "--store", built_store)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("articles: 5\n")
    for heading in ("entities:", "relations:", "Organization", "Person", "Event", "affiliatedWith", "heldIn"):
        assert heading in out
    counts = {line.split()[0]: int(line.split()[1]) for line in out.splitlines()
              if line.startswith("  ") and not line.startswith("    ") and len(line.split()) == 2}
    assert counts["Organization"] > 0 and counts["Event"] > 0 and counts["Person"] > 0


@pytest.mark.parametrize(("option", "value"), [
    ("--since", "2023-99-01"), ("--until", "2023-02-30"), ("--since", "2023-1-1"), ("--until", "yesterday")])
def test_an_impossible_date_is_a_one_line_error(built_store, tmp_path, option, value):
    """Not an empty graph: a date that does not exist would silently select nothing."""
    result = run_kg("viz", "--store", built_store, "-o", tmp_path / "g.html", option, value)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {option} wants a date like 2021-12-31, 2021-12 or 2021, got {value!r}\n"
    assert not (tmp_path / "g.html").exists()


@pytest.mark.parametrize("value", ["2021", "2021-12", "2021-12-10"])
def test_since_takes_a_year_a_month_or_a_day(built_store, tmp_path, value):
    result = run_kg("viz", "--store", built_store, "-o", tmp_path / "g.html", "--since", value)
    assert result.exit_code == 0, result.output


def test_building_a_path_that_does_not_exist_creates_no_store(tmp_path):
    result = run_kg("build", "--store", tmp_path / "store", tmp_path / "nonexistent")
    assert result.exit_code == 2
    assert result.stderr == f"Error: no such file or folder: {tmp_path / 'nonexistent'}\n"
    assert not (tmp_path / "store").exists()


# --- progress --------------------------------------------------------------------------


def build_on_a_terminal(*args: str | Path) -> str:
    """What `kg build ARGS` writes to stderr when stderr is a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", "--jobs", "1", *map(str, args)],
                               stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    written = b""
    try:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            written += chunk
        assert process.wait(timeout=120) == 0
    finally:
        os.close(leader)
        process.kill()
    return written.decode("utf-8")


def frames(written: str) -> list[str]:
    """The successive states of the progress line, which rewrites itself after a carriage return."""
    return [frame.strip() for frame in re.split(r"[\r\n]", written) if frame.strip()]


def test_progress_counts_the_articles_of_one_stream_with_their_rate(tmp_path):
    """One JSON lines file of 40 articles: no total is known before it is read, so the count and
    the rate, not 0% for the whole build and then 100%."""
    from tests.test_build_parallel import corpus_records, write_jsonl_gz

    records = [{**r, "id": f"{r['id']}-{i}"} for i in range(2) for r in corpus_records()]
    corpus = write_jsonl_gz(tmp_path / "corpus.jsonl.gz", records)
    shown = frames(build_on_a_terminal("--store", tmp_path / "store", corpus))
    counts = [int(m.group(1)) for f in shown if (m := re.match(r"Building +(\d+) articles +[\d,.]+/s$", f))]
    assert len(set(counts)) >= 3, shown  # counted as it goes, not 0 then all
    assert counts == sorted(counts) and counts[-1] == 40


def test_progress_of_files_shows_share_and_time_left(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        text = "\n".join([*paragraphs(JEKYLL, 2), f"这是第{i}号稿件。"])
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    shown = frames(build_on_a_terminal("--store", tmp_path / "store", folder))
    pattern = r"Building +(\d+)/12 articles +(\d+)% +[\d,.]+/s(?:, ETA \d+:\d\d:\d\d)?$"
    states = [re.match(pattern, f) for f in shown if f.startswith("Building")]
    assert all(states), shown
    assert [int(s.group(1)) for s in states][-1] == 12 and states[-1].group(2) == "100"
    assert any("ETA" in s.group(0) for s in states)


def test_no_progress_on_a_pipe(tmp_path):
    result = kg_process("build", "--store", tmp_path / "store", SAMPLES)
    assert result.returncode == 0 and result.stderr == ""


# --- hostile text on the terminal ------------------------------------------------------

# What an article can carry to a terminal: OSC (retitles the window, or worse with some
# terminals), CSI (clears the screen), a C1 control (the 8-bit CSI), a bell and a NUL.
HOSTILE = "论坛\x1b]0;pwned\x07\x1b[2J\x9b31m标题\x07\x00"
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    """A store with one article whose title and file name carry terminal control sequences."""
    folder = tmp_path_factory.mktemp("hostile")
    record = {"id": "x\x1b[2J", "title": HOSTILE, "content": "\n".join(paragraphs(JEKYLL))}
    (folder / "news.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run_kg("build", "--store", folder / "store", folder)
    assert result.exit_code == 0, result.output
    return folder / "store"


def test_table_output_carries_no_control_characters(hostile_store):
    query = "SELECT ?title ?file WHERE { ?a dcterms:title ?title ; kgo:fileName ?file }"
    table = run_kg("query", "--store", hostile_store, query)
    assert not CONTROLS.findall(table.stdout)
    assert "论坛标题" in table.stdout and "news.jsonl#x" in table.stdout
    # Machine formats keep the data as it is stored.
    as_json = run_kg("query", "--store", hostile_store, "--format", "json", query)
    assert "\x1b]0;pwned\x07" in json.loads(as_json.stdout)[0]["title"]


def test_explain_output_carries_no_control_characters(hostile_store):
    result = run_kg("explain", "--store", hostile_store, "2021东湖国际人工智能高峰论坛")
    assert result.exit_code == 0, result.output
    assert "论坛标题" in result.stdout  # the article's title, on each fact's source line
    assert not CONTROLS.findall(result.stdout)


@pytest.mark.parametrize(("text", "shown"), [
    ("标题\x1b]0;pwned\x07正文", "标题正文"),  # OSC ended by BEL
    ("标题\x1b]8;;http://x\x1b\\链接\x1b]8;;\x1b\\", "标题链接"),  # OSC ended by ST (a hyperlink)
    ("\x1b[2J\x1b[1;31m红\x1b[0m", "红"),  # CSI
    ("\x9b31m红\x9d0;x\x9c", "红"),  # their 8-bit C1 forms
    ("a\rb\x08c\x7fd\x00e\x1bcf", "abcdef"),  # carriage return, backspace, DEL, NUL, a lone escape
    ("第一行\n\t第二行", "第一行\n 第二行"),  # lines stay lines, a tab is a space
])
def test_for_terminal_drops_escape_sequences_and_control_characters(text, shown):
    assert for_terminal(text) == shown


def test_a_failure_line_carries_no_control_characters(tmp_path):
    bad = tmp_path / "\x1b]0;pwned\x07.txt"
    bad.write_bytes(b"")
    result = run_kg("build", "--store", tmp_path / "store", bad)
    assert result.stderr == f"failed: {tmp_path}/.txt: empty file\n"


@pytest.mark.parametrize("command", [None, *sorted(main.commands)])
def test_every_help_shows_an_example(command):
    result = run_kg(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout


def test_bad_sparql_is_one_line_without_traceback(built_store):
    result = run_kg("query", "--store", built_store, "SELECT ?x WHERE { ?x")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: SPARQL syntax error")
    assert "Traceback" not in result.output


def test_query_on_a_store_that_does_not_exist_is_one_line(tmp_path):
    result = run_kg("query", "--store", tmp_path / "nowhere", HOSTS_QUERY)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: no store at {tmp_path / 'nowhere'}: run `kg build` first"]
    assert not (tmp_path / "nowhere").exists()  # a query does not create a store


def test_unknown_param_is_one_line(built_store):
    result = run_kg("query", "--store", built_store, "--param", "nope=1", HOSTS_QUERY)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["Error: the query has no variable ?nope to bind"]


def test_errors_in_a_child_process_are_one_line_and_debug_shows_the_traceback(built_store):
    plain = kg_process("query", "--store", built_store, "SELECT ?x WHERE { ?x")
    assert plain.returncode == 2
    assert len(plain.stderr.strip().splitlines()) == 1 and plain.stderr.startswith("Error:")

    debug = kg_process("--debug", "query", "--store", built_store, "SELECT ?x WHERE { ?x")
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr
    assert "QueryError" in debug.stderr


def test_python_dash_m_kg_works():
    result = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "Usage:" in result.stdout and "build" in result.stdout and "Example" in result.stdout


def test_store_defaults_to_kg_store_env(built_store, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(built_store))
    result = run_kg("stats")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("articles: 5\n")
