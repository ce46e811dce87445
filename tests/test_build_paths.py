"""Where an article came from, as the graph says it: `kgo:sourcePath` is relative to the build's
root (the folder given, the folder of the file given, or the deepest folder holding all the
given paths), so a graph shared or served names no folder of the machine it was built on.
Replacing a changed article, pruning and `kg remove` go by these paths."""

from __future__ import annotations

import json
import shutil

from kg import KnowledgeGraph
from tests.conftest import HEXO, PLAIN, ROOT, SAMPLE_NAMES, SAMPLES, run_kg, sample


def source_paths(graph: KnowledgeGraph) -> list[str]:
    return sorted(state.source_path for state in graph.store.articles().values())


def test_paths_are_relative_to_the_folder_given():
    with KnowledgeGraph.open("memory:") as graph:
        graph.build([SAMPLES.resolve()])
        assert source_paths(graph) == SAMPLE_NAMES
        stored = "".join(q.object.value for q in graph.store.quads())
    assert str(ROOT) not in stored


def test_a_file_given_alone_is_stored_by_its_name():
    with KnowledgeGraph.open("memory:") as graph:
        graph.build([SAMPLES / PLAIN])
        assert source_paths(graph) == [PLAIN]


def test_several_paths_are_relative_to_their_common_folder(tmp_path):
    (tmp_path / "news" / "2021").mkdir(parents=True)
    (tmp_path / "more").mkdir()
    shutil.copy(SAMPLES / PLAIN, tmp_path / "news" / "2021" / PLAIN)
    shutil.copy(SAMPLES / HEXO, tmp_path / "more" / HEXO)
    record = {"id": "a-1", "title": "标题", "content": sample(PLAIN)[:400]}
    (tmp_path / "more" / "feed.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with KnowledgeGraph.open("memory:") as graph:
        graph.build([tmp_path / "news", tmp_path / "more" / HEXO, tmp_path / "more" / "feed.jsonl"])
        assert source_paths(graph) == [f"more/{HEXO}", "more/feed.jsonl#a-1", f"news/2021/{PLAIN}"]


def test_a_changed_article_replaces_its_graph_however_its_folder_is_spelled(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLES / PLAIN, corpus / PLAIN)
    store = tmp_path / "store"
    assert "1 new" in run_kg("build", "--store", store, corpus).stdout
    (corpus / PLAIN).write_text(sample(PLAIN) + "\n补充一段。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_kg("build", "--store", "store", "corpus/")
    assert "1 changed" in result.stdout, result.output
    with KnowledgeGraph.open(str(store), read_only=True) as graph:
        assert source_paths(graph) == [PLAIN]


def test_kg_remove_takes_the_path_as_given_to_the_build_or_as_stored(tmp_path, monkeypatch):
    store = tmp_path / "store"
    assert run_kg("build", "--store", store, SAMPLES).exit_code == 0
    monkeypatch.chdir(ROOT)
    for name in (f"samples/articles/{SAMPLE_NAMES[0]}", str(SAMPLES / SAMPLE_NAMES[1]), SAMPLE_NAMES[2]):
        result = run_kg("remove", "--store", store, name)
        assert result.stdout == "removed 1 article graph(s)\n", (name, result.output)
    gone = run_kg("remove", "--store", store, "elsewhere/nothing.txt")
    assert gone.exit_code == 2
    with KnowledgeGraph.open(str(store), read_only=True) as graph:
        assert source_paths(graph) == SAMPLE_NAMES[3:]
