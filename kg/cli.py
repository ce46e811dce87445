"""The `kg` command: a thin layer over `kg.api.KnowledgeGraph`.

User errors (`kg.errors.KGError`) print as one line on stderr with exit code 2;
a traceback only with `--debug`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import time
from pathlib import Path
from typing import TextIO

import click

from kg.api import KnowledgeGraph, curated_queries, curated_query
from kg.build import default_jobs
from kg.errors import InputError, KGError, NotFoundError
from kg.export import rdf as rdf_export
from kg.read import discover, holds_records
from kg.serve.settings import Settings
from kg.store import QueryResult, default_location
from kg.store.base import Term
from kg.vocab import PREFIXES

EXPORTS = Path("exports")
NETWORK_FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "csv": ""}
_DATE_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}  # by length, so 2023-1-1 is no date
_TERMINAL_CONTROLS = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: moves the cursor, clears, colours
    r"|(?:\x1b[]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS …: to their end
    r"|\x1b[ -/]*[0-~]?"  # any other escape sequence
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # any other C0 or C1 control character


class Group(click.Group):
    """Turns user errors into one clear line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as err:
            if ctx.params.get("debug") or (ctx.obj or {}).get("debug"):
                raise
            click.echo(f"Error: {err}", err=True)
            sys.exit(2)


store_option = click.option(
    "--store", "store", default=None, metavar="DIR|URL",
    help="Store folder or SPARQL endpoint URL [default: $KG_STORE or ./kg-store].")


def _open(store: str | None, read_only: bool = False) -> KnowledgeGraph:
    return KnowledgeGraph.open(store or default_location(), read_only=read_only)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="china-ai-kg")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn Chinese news about China's AI ecosystem into a knowledge graph.

    \b
    Example:
      kg build samples/articles && kg export --format turtle -o exports/kg.ttl
    """
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_option
@click.option("--keep-going", is_flag=True, help="Exit 0 even when some files failed.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes for extraction  [default: the number of cores]")
@click.option("--prune", is_flag=True, help="Drop the articles that the given paths no longer hold.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: worker processes here, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler for --engine dask (tcp://host:8786).")
def build(paths: tuple[str, ...], store: str | None, keep_going: bool, jobs: int | None, prune: bool,
          engine: str, scheduler: str | None) -> None:
    """Read articles (files or folders) into the store.

    Formats: .md/.markdown with front matter, .txt, .html/.htm, .json/.jsonl(.gz);
    UTF-8, GB18030 or Big5; Simplified or Traditional Chinese. Files are read as a
    stream. Unchanged articles are skipped without extracting them again; a changed
    article replaces its graph; --prune drops the articles no longer present.

    \b
    Example:
      kg build samples/articles
      kg build --store /data/kg news/ more/article.html
      kg build --jobs 2 --prune corpus.jsonl.gz
      kg build --engine dask --scheduler tcp://10.0.0.5:8786 corpus.jsonl.gz
    """
    jobs = jobs or default_jobs()
    if not any(Path(p).exists() for p in paths):  # before the store is opened, which creates it
        raise NotFoundError(f"no such file or folder: {', '.join(paths)}")
    options = {"jobs": jobs, "prune": prune, "engine": engine, "scheduler": scheduler}
    with _open(store) as kg:
        if sys.stderr.isatty():
            with ProgressLine(_article_count(paths), sys.stderr) as shown:
                report = kg.build(paths, progress=shown.step, **options)
        else:
            report = kg.build(paths, **options)
    pruned = f", {report.pruned} pruned" if prune else ""
    click.echo(f"{report.read} articles read: {report.new} new, {report.changed} changed, "
               f"{report.unchanged} unchanged{pruned}; {len(report.failed)} failed")
    click.echo(f"{len(report.entities)} entities, {report.relations} relations written in "
               f"{report.seconds:.1f} s")
    for failure in report.failed:
        click.echo(for_terminal(f"failed: {failure.path}: {failure.reason}"), err=True)
    if report.failed and not keep_going:
        sys.exit(1)


def _article_count(paths: tuple[str, ...]) -> int | None:
    """How many articles the paths hold, when the files tell (one each); None when a JSON file's
    records are among them, which are only counted by reading them."""
    files = [item for item in discover(paths) if isinstance(item, Path)]
    return None if any(holds_records(f) for f in files) else len(files)


class ProgressLine:
    """The build's progress on one terminal line: articles done, their rate, and with a known
    total the share done and the time left. Redrawn at most ten times a second."""

    def __init__(self, total: int | None, out: TextIO) -> None:
        self.total, self.out = total, out
        self.done, self.width = 0, 0
        self.started = self.drawn = time.monotonic()

    def __enter__(self) -> ProgressLine:
        return self

    def step(self, _path: str) -> None:
        self.done += 1
        if time.monotonic() - self.drawn >= 0.1:
            self.draw()

    def draw(self) -> None:
        self.drawn = time.monotonic()
        rate = self.done / max(self.drawn - self.started, 1e-6)
        if self.total is None:
            line = f"Building  {self.done:,} articles  {rate:,.1f}/s"
        else:
            share = self.done / self.total if self.total else 1.0
            line = f"Building  {self.done:,}/{self.total:,} articles  {share:4.0%}  {rate:,.1f}/s"
            if 0 < self.done < self.total:
                left = int((self.total - self.done) / rate)
                line += f", ETA {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}"
        self.out.write("\r" + line.ljust(self.width))
        self.out.flush()
        self.width = len(line)

    def __exit__(self, *exc: object) -> None:
        self.draw()
        self.out.write("\n")
        self.out.flush()


@main.command()
@click.argument("query", required=False)
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help='Bind ?NAME to VALUE as an RDF term, never pasted into the text: a name becomes "VALUE"@zh, '
                   'digits an integer; write "VALUE" for a plain string, "VALUE"@en for English.')
@click.option("--list", "list_queries", is_flag=True, help="List the curated queries of queries/ and exit.")
def query(query: str | None, store: str | None, fmt: str, params: tuple[str, ...], list_queries: bool) -> None:
    """Run a SPARQL query (text, a .rq file, or a curated query's name) over all articles.

    Prefixes kgo:, kgr:, rdfs:, skos:, prov:, dcterms:, schema:, xsd: are predefined.
    Parameters are bound as RDF terms: IRIs stay IRIs, digits become integers,
    YYYY-MM-DD dates, anything else a plain string.

    \b
    Example:
      kg query --list
      kg query 'SELECT ?org ?event WHERE { ?org kgo:hosts ?event }'
      kg query queries/events-of-organization.rq --param org=华为 --format csv
      kg query people-of-organization --param org=百度
    """
    if list_queries:
        for q in curated_queries():
            names = " ".join(f"{p['name']}=" for p in q.params)
            click.echo(f"{q.name:<32}{q.en} / {q.zh}" + (f"  [{names}]" if names else ""))
        return
    if not query:
        raise InputError("give a query (text, .rq file or curated name), or --list")
    text = _query_text(query)
    bound = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            raise InputError(f"--param wants NAME=VALUE, got {param!r}")
        bound[name.lstrip("?$")] = value
    with _open(store, read_only=True) as kg:
        result = kg.query_result(text, bound)
    click.echo(format_result(result, fmt), nl=False)


def _is_file(text: str) -> bool:
    """Whether the argument names a file; a query's text can be too long to be a file name at all."""
    try:
        return Path(text).is_file()
    except OSError:
        return False


def _query_text(query: str) -> str:
    if query.endswith(".rq") or _is_file(query):
        path = Path(query)
        if not path.is_file():
            if "/" not in query:
                return curated_query(query).text
            raise InputError(f"no query file {query}")
        return path.read_text(encoding="utf-8")
    if re.fullmatch(r"[a-z0-9-]+", query):
        return curated_query(query).text
    return query


@main.command()
@store_option
@click.option("--host", default=Settings.host, show_default=True,
              help="Address to bind (localhost only by default).")
@click.option("--port", default=Settings.port, show_default=True, type=int)
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL updates that carry the update token (otherwise they get 403).")
@click.option("--update-token", envvar="KG_UPDATE_TOKEN", metavar="TOKEN",
              help="The token updates must send as 'Authorization: Bearer TOKEN' [default: $KG_UPDATE_TOKEN, "
                   "else one is made and printed].")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host header is NAME (repeatable); localhost, the --host name "
                   "and IP addresses always are.")
@click.option("--timeout", default=Settings.timeout, show_default=True, type=float, metavar="S",
              help="Answer every query within S seconds, waiting included; a query still running is killed (503).")
@click.option("--max-rows", default=Settings.max_rows, show_default=True, type=int, metavar="N",
              help="Cut results after N rows or triples (header X-KG-Truncated).")
@click.option("--workers", default=Settings.workers, show_default=True, type=click.IntRange(min=1),
              help="Queries run at once, each in its own process (one with --allow-update).")
@click.option("--queue", default=Settings.queue, show_default=True, type=click.IntRange(min=0), metavar="N",
              help="Requests that may wait for a worker; past them, 503 with Retry-After.")
@click.option("--max-body", default=Settings.max_body, show_default=True, type=click.IntRange(min=0),
              metavar="BYTES", help="Refuse request bodies over BYTES (413).")
@click.option("--allow-service", multiple=True, metavar="HOST",
              help="Let SERVICE reach this host (repeatable); federation is off otherwise.")
def serve(store: str | None, **options) -> None:
    """Serve the store as a SPARQL 1.1 endpoint at /sparql, with a query page at /.

    Results by Accept: SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as Turtle or
    JSON-LD. Read-only unless --allow-update (updates then need the update token);
    SERVICE only to --allow-service hosts.

    \b
    Example:
      kg serve --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    from kg.serve import serve as run_server

    if not options["allow_update"] and (click.get_current_context().get_parameter_source("update_token")
                                        == click.core.ParameterSource.ENVIRONMENT):
        options["update_token"] = None  # $KG_UPDATE_TOKEN is for the servers that take updates

    def ready(server) -> None:
        h, p = server.server_address[:2]
        settings = server.settings
        click.echo(f"SPARQL endpoint: http://{h}:{p}/sparql   query page: http://{h}:{p}/   "
                   f"({'read-write' if settings.allow_update else 'read-only'}, timeout {settings.timeout:g} s, "
                   f"max {settings.max_rows} rows)")
        if settings.allow_update and not options["update_token"]:
            click.echo(f"Updates need the header  Authorization: Bearer {settings.update_token}")

    run_server(store or default_location(), ready=ready, **options)


def _short(term: Term | None) -> str:
    if term is None:
        return ""
    value = term.value
    if type(term).__name__ == "NamedNode":
        for prefix, iri in PREFIXES.items():
            if value.startswith(iri):
                return f"{prefix}:{value[len(iri):]}"
    return value


def format_result(result: QueryResult, fmt: str) -> str:
    if result.kind == "ask":
        return json.dumps({"boolean": result.boolean}) + "\n" if fmt == "json" else f"{result.boolean}\n"
    if result.kind == "graph":
        from pyoxigraph import RdfFormat, serialize

        return serialize(result.triples, format=RdfFormat.TURTLE, prefixes=PREFIXES).decode()
    names, rows = result.variables, result.rows
    if fmt == "json":
        return json.dumps([{n: (r[n].value if r[n] is not None else None) for n in names} for r in rows],
                          ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows([[r[n].value if r[n] is not None else "" for n in names] for r in rows])
        return out.getvalue()
    cells = [[for_terminal(_short(r[n]).replace("\n", " ")) for n in names] for r in rows]
    return _table(names, cells) + f"({len(rows)} rows)\n"


def for_terminal(text: str) -> str:
    """Text read from articles, made safe to print on a terminal, line by line: escape sequences
    and control characters go (an OSC sequence in a title could retitle the window or worse), tabs
    become spaces. Only for what people read: CSV, TSV and JSON keep the data as it is stored."""
    return "\n".join(_TERMINAL_CONTROLS.sub("", line.replace("\t", " ")) for line in text.split("\n"))


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _table(header: list[str], cells: list[list[str]]) -> str:
    widths = [max([_width(h), *(_width(row[i]) for row in cells)]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip() + "\n"

    return line(header) + line(["-" * w for w in widths]) + "".join(line(row) for row in cells)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(sorted(rdf_export.FORMATS) + list(NETWORK_FORMATS)),
              default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file [default: exports/kg.<ext>]; for csv a folder [default: exports/].")
@click.option("--per-article", type=click.Path(file_okay=False, path_type=Path),
              help="Write one self-contained file per article into this folder instead.")
def export(store: str | None, fmt: str, output: Path | None, per_article: Path | None) -> None:
    """Write the graph as RDF for other tools.

    turtle, nt and jsonld hold the merged graph; nquads and trig keep one named
    graph per article. --per-article writes <article file name>.ttl per article.
    graphml, gexf (for Gephi, with colours, sizes and positions) and csv (nodes.csv
    and edges.csv) hold the entity graph, as `kg viz` draws it.

    \b
    Example:
      kg export --format turtle -o exports/kg.ttl
      kg export --per-article exports/articles
      kg export --format csv -o exports/
    """
    if fmt in NETWORK_FORMATS:
        target = output or (EXPORTS if fmt == "csv" else EXPORTS / f"kg{NETWORK_FORMATS[fmt]}")
        with _open(store, read_only=True) as kg:
            written = kg.export_network(fmt, target)
        click.echo("written: " + ", ".join(str(p) for p in written))
        return
    with _open(store, read_only=True) as kg:
        if per_article:
            files = kg.export_per_article(per_article, "turtle" if fmt in ("nquads", "trig") else fmt)
            click.echo(f"{len(files)} files written to {per_article}")
            return
        target = output or EXPORTS / f"kg{rdf_export.suffix(fmt)}"
        count = kg.export(fmt, target)
    click.echo(f"{count} statements written to {target}")


@main.command()
@store_option
@click.option("--top", "top", type=click.IntRange(min=1), default=None, metavar="N",
              help="Also list the N most connected organisations and persons and the N largest events.")
def stats(store: str | None, top: int | None) -> None:
    """Count articles, entities by type and relations by predicate.

    \b
    Example:
      kg stats
      kg stats --top 10
    """
    with _open(store, read_only=True) as kg:
        numbers = kg.stats()
        ranked = kg.top(top) if top else None
    click.echo(f"articles: {numbers['articles']}")
    click.echo("entities:")
    for kind, count in sorted(numbers["entities_by_kind"].items()):
        click.echo(f"  {kind:<16}{count:>7}")
    for local, count in numbers["entities_by_type"].items():
        click.echo(f"    {local:<14}{count:>7}")
    click.echo("relations:")
    for pred, count in numbers["relations_by_predicate"].items():
        click.echo(f"  {pred:<18}{count:>7}")
    if ranked is not None:
        _print_top(ranked)


@main.command()
@click.argument("article")
@store_option
def remove(article: str, store: str | None) -> None:
    """Drop an article's graph (by file name, path, id or IRI).

    \b
    Example:
      kg remove 003_8aa938fb62833662.txt
    """
    with _open(store) as kg:
        removed = kg.remove(article)
    click.echo(f"removed {len(removed)} article graph(s)")


def _print_top(ranked: dict[str, list[tuple[str, str, int]]]) -> None:
    titles = {"organizations": "most connected organisations (relations)",
              "persons": "most connected persons (relations)", "events": "largest events (participants)"}
    for key, title in titles.items():
        click.echo(f"{title}:")
        for _, label, count in ranked[key]:
            label = for_terminal(label)
            click.echo(f"  {label}{' ' * max(1, 30 - _width(label))}{count:>5}")


@main.command()
@store_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=EXPORTS / "graph.html", show_default=True, help="The HTML file to write.")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
@click.option("--type", "types", multiple=True, metavar="T",
              help="Keep entities of this type (Organization, Company, Person, Event, ...); repeatable.")
@click.option("--predicate", "predicates", multiple=True, metavar="P",
              help="Keep relations with this predicate (affiliatedWith, hosts, ...); repeatable.")
@click.option("--ego", metavar="NAME", help="Keep the neighbourhood of the entity with this name or alias.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="Hops around --ego.")
@click.option("--min-degree", type=click.IntRange(min=0), default=0, show_default=True,
              help="Drop entities with fewer relations.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Keep the N best-connected entities.")
@click.option("--since", metavar="DATE", help="Keep what articles from DATE (YYYY-MM-DD) on state.")
@click.option("--until", metavar="DATE", help="Keep what articles up to DATE (YYYY-MM-DD) state.")
@click.option("--color", "color_by", type=click.Choice(["type", "community"]), default="type", show_default=True,
              help="Colour nodes by entity type or by Louvain community.")
@click.option("--isolated", is_flag=True, help="Also draw the entities that have no relation.")
def viz(store: str | None, output: Path, open_page: bool, types: tuple[str, ...], predicates: tuple[str, ...],
        ego: str | None, depth: int, min_degree: int, max_nodes: int | None, since: str | None,
        until: str | None, color_by: str, isolated: bool) -> None:
    """Draw the graph as an interactive HTML page that works offline.

    Draws what connects: entities without relations only with --isolated. Connected
    groups are laid out apart, the largest first; the most important names show at
    every zoom and more as you zoom in. Nodes are coloured by type and sized by
    relations; hover for evidence, search by any name, filter by type and relation on
    the page; --max-nodes keeps the best connected.

    \b
    Example:
      kg viz --open
      kg viz --ego 百度 --depth 2 -o exports/baidu.html
      kg viz --type Organization --predicate memberOf --color community
    """
    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            _check_date(name, value)
    with _open(store, read_only=True) as kg:
        path, graph = kg.viz(output, color_by=color_by, types=types or None, predicates=predicates or None,
                             ego=ego, depth=depth, min_degree=min_degree, max_nodes=max_nodes, since=since,
                             until=until, isolated=isolated)
    click.echo(f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations drawn in {path}")
    if open_page:
        click.launch(str(path.resolve()))


def _check_date(option: str, value: str) -> None:
    """A date bound is a real year, month or day: 2023-99-01 compared as text would quietly select nothing."""
    try:
        dt.datetime.strptime(value, _DATE_FORMATS[len(value)])
    except (KeyError, ValueError):
        raise InputError(f"{option} wants a date like 2021-12-31, 2021-12 or 2021, got {value!r}") from None


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("articles", nargs=-1, required=True, type=click.Path())
@click.option("--errors", is_flag=True, help="List every missed and false relation and entity.")
@click.option("--cv", "folds", type=click.IntRange(min=2), default=None, metavar="K",
              help="Cross-validate the learned components by K article folds, next to the rules alone.")
def eval_(gold: Path, articles: tuple[str, ...], errors: bool, folds: int | None) -> None:
    """Score extraction against gold annotations (the format of the gold SPEC).

    Builds the articles into a throw-away store, writes one graph per article and
    scores them as the reference scorer does: micro P/R/F1 per predicate and per
    entity type, for all relations and for typed entities, and per source family
    when the articles' folder has a MANIFEST.tsv (columns file, family).

    With --cv K, nothing is built: the learned components are trained K times, each
    time without one fold of the gold articles, and each article is scored by models
    that never saw it, for the rules alone, with the tagger, and with the tagger and
    the relation classifier. Takes some minutes.

    \b
    Example:
      kg eval ../shared/gold/seeds.jsonl samples/articles --errors
      kg eval ../shared/gold/dev/gold.jsonl ../shared/gold/dev/articles --cv 5
    """
    import tempfile

    from kg.evaluate import by_family, families, report, report_families, score_directory, total
    from kg.resources import data_dir

    family_of = families(articles)
    if folds:
        from kg import train

        items = train.examples([gold], articles)
        runs = train.cross_validate(items, folds, progress=lambda line: click.echo(line, err=True))
        for setup, scores in runs.items():
            click.echo(f"== {setup} ({folds}-fold cross-validation, {len(scores)} articles)")
            click.echo(report(total(scores), errors))
            if family_of:
                click.echo(report_families(by_family(scores, family_of)))
        return
    with KnowledgeGraph.open("memory:") as kg, tempfile.TemporaryDirectory() as tmp:
        built = kg.build(articles)
        kg.export_per_article(Path(tmp))
        scores, missing = score_directory(gold, Path(tmp), data_dir("ontology"))
    for failure in built.failed:
        click.echo(f"failed: {failure.path}: {failure.reason}", err=True)
    if missing:
        click.echo(f"no graph for: {', '.join(missing)}", err=True)
    if family_of:
        click.echo(report_families(by_family(scores, family_of)))
    click.echo(report(total(scores), errors), nl=False)


@main.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--articles", "articles", multiple=True, required=True, type=click.Path(exists=True),
              help="A file or folder holding the gold articles (repeatable).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the model files (default: the package's kg/models, which ships them).")
def train(gold: tuple[Path, ...], articles: tuple[str, ...], output: Path | None) -> None:
    """Train the entity tagger and the relation classifier on gold annotations.

    Deterministic: the same gold files and articles give the same model files. The
    models shipped in kg/models are made by the example below (a few minutes on two cores).

    \b
    Example:
      kg train ../shared/gold/seeds.jsonl ../shared/gold/dev/gold.jsonl \\
               --articles ../shared/corpus --articles ../shared/gold/dev/articles
    """
    from kg import train as training
    from kg.extract.models import MODEL_DIR

    folder = output or MODEL_DIR
    items = training.examples(gold, articles)
    training.train(items, folder, progress=lambda line: click.echo(line, err=True))
    click.echo(f"trained on {len(items)} articles: {', '.join(sorted(p.name for p in folder.glob('*.crfsuite')))} "
               f"in {folder}")


@main.command()
@click.argument("subject")
@click.argument("predicate", required=False)
@click.argument("object", required=False)
@store_option
def explain(subject: str, predicate: str | None, object: str | None, store: str | None) -> None:
    """Show the sentences behind facts about SUBJECT, and why its names were merged.

    \b
    Example:
      kg explain 王海峰
      kg explain 鹏城实验室 hosts
      kg explain 王海峰 affiliatedWith 百度
    """
    from kg.explain import explain as explain_facts

    with _open(store, read_only=True) as kg:
        click.echo(for_terminal(explain_facts(kg.store, subject, predicate, object)), nl=False)


@main.command()
@store_option
def validate(store: str | None) -> None:
    """Check the stored graph against the SHACL shapes of ontology/: errors and junk.

    Violations of ontology/shapes.ttl are errors (exit 1). The warnings of
    ontology/quality.ttl count the names that read as junk (a person named by one
    character or with a title, an organisation named with a date or by a clause, an
    event without an event noun), per shape, out of the entities each checks.

    \b
    Example:
      kg validate
    """
    from kg.validate import union_graph
    from kg.validate import validate as run_validation

    with _open(store, read_only=True) as kg:
        report = run_validation(union_graph(kg.store))
    click.echo(report.text(), nl=False)
    if not report.conforms:
        sys.exit(1)


if __name__ == "__main__":
    main()
