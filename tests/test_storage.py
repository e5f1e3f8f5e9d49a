"""Roots given as fsspec URLs: the same bytes as a local run, one put per changed object,
storage options from the settings, the store's faults told from the file's."""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

fsspec = pytest.importorskip("fsspec", reason="the dask extra: pip install '.[dask]'")
from fsspec.implementations.memory import MemoryFileSystem  # noqa: E402

from pipeline import storage  # noqa: E402
from pipeline.cli import main  # noqa: E402
from pipeline.config import ConfigError, from_table  # noqa: E402
from pipeline.layout import Layout  # noqa: E402
from pipeline.storage import Url, parse_root  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


class Recording(MemoryFileSystem):  # type: ignore[misc]
    """A memory store of its own that keeps the options it was made with and counts puts;
    ``refuse`` makes every put raise that error."""

    protocol = "recording"
    store: ClassVar[dict[str, Any]] = {}
    pseudo_dirs: ClassVar[list[str]] = [""]
    made_with: ClassVar[list[dict[str, Any]]] = []
    puts: ClassVar[list[str]] = []
    refuse: ClassVar[type[Exception] | None] = None

    def __init__(self, **options: Any) -> None:
        super().__init__()
        Recording.made_with.append(options)

    @classmethod
    def _strip_protocol(cls, path: str) -> str:
        return str(super()._strip_protocol(path.removeprefix("recording://")))

    def pipe_file(self, path: str, value: bytes, *args: Any, **kwargs: Any) -> None:
        if Recording.refuse is not None:
            raise Recording.refuse(path)
        Recording.puts.append(path)
        super().pipe_file(path, value, *args, **kwargs)


fsspec.register_implementation("recording", Recording, clobber=True)


@pytest.fixture(autouse=True)
def fresh_stores() -> Iterator[None]:
    memory = fsspec.filesystem("memory")
    memory.store.clear()
    Recording.store.clear()
    Recording.made_with.clear()
    Recording.puts.clear()
    Recording.refuse = None
    storage._filesystem.cache_clear()
    yield
    memory.store.clear()
    Recording.store.clear()


def upload(local: Path, url: str) -> None:
    fs, root = Url(url).located()
    for path in sorted(local.rglob("*.md")):
        fs.pipe_file(f"{root}/{path.relative_to(local).as_posix()}", path.read_bytes())
    Recording.puts.clear()


def download(url: str) -> dict[str, bytes]:
    fs, root = Url(url).located()
    return {p[len(root) + 1:]: fs.cat_file(p) for p in sorted(fs.find(root))}


def local_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def run(command: str, content: str, locales: str, out: str | None, *more: str) -> int:
    argv = [command, "--content", content, "--locales", locales, "-j", "1", *more]
    return main([*argv, "--out", out] if out is not None else argv)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("content", Path("content")),
        ("/abs/docs", Path("/abs/docs")),
        ("file:///abs/docs", Path("/abs/docs")),  # local files keep the os-based code
        ("s3://bucket/docs/", Url("s3://bucket/docs")),
        ("memory://b/content", Url("memory://b/content")),
        ("simplecache::s3://bucket/docs", Url("simplecache::s3://bucket/docs")),
        ("C:/not/a/url", Path("C:/not/a/url")),
    ],
)
def test_a_root_is_a_url_only_with_a_protocol(given: str, expected: Path | Url) -> None:
    assert parse_root(given) == expected


def test_memory_round_trip_writes_the_bytes_of_a_local_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", "content")
    shutil.copytree(REPO / "tests/data/bad/articles/fr-FR", "content/fr-FR/bad")
    assert run("locales", "content", "locales", "build", "--format", "json") == 1
    local = capsys.readouterr()
    local_findings = json.loads(local.out)
    upload(tmp_path / "content", "memory://docs/content")

    assert run("locales", "memory://docs/content", "memory://docs/locales",
               "memory://docs/build", "--format", "json") == 1
    done = capsys.readouterr()
    assert download("memory://docs/locales") == local_tree(tmp_path / "locales")
    assert download("memory://docs/build") == local_tree(tmp_path / "build")
    remote_findings = json.loads(done.out)
    for f in remote_findings:  # the same findings, at the URL rather than the folder
        f["file"] = f["file"].replace("memory://docs/", "")
    assert remote_findings == local_findings != []
    counts = local.err.rpartition(" written in ")[0]  # the summary line, less its time
    assert "25 errors" in counts and "9 catalogs and 9 outputs" in counts  # the English too
    assert counts in done.err
    assert "no lock on memory://docs/locales" in done.err  # said plainly, not skipped quietly


def test_a_second_run_puts_no_object(capsys: pytest.CaptureFixture[str]) -> None:
    upload(REPO / "content", "recording://docs/content")
    roots = ("recording://docs/content", "recording://docs/locales", "recording://docs/build")
    assert run("locales", *roots) == 0
    assert len(Recording.puts) == 18  # 9 catalogs and 9 pages, the English-driven among them
    capsys.readouterr()
    Recording.puts.clear()
    assert run("locales", *roots) == 0
    assert Recording.puts == []
    assert "0 catalogs and 0 outputs written" in capsys.readouterr().err


def test_objects_are_renamed_into_place_where_the_store_has_folders() -> None:
    """Not an object store: a temp object beside the target, then a rename; none is left."""
    upload(REPO / "content", "recording://docs/content")
    assert run("extract", "recording://docs/content", "recording://docs/locales", None) == 0
    assert all("/." in p and p.endswith(".tmp") for p in Recording.puts)
    assert sorted(download("recording://docs/locales")) == [
        "ar-SA/get-started/install-cli.po", "ar-SA/how-to/preview-locally.po",
        "de-DE/how-to/preview-locally.po", "de-DE/reference/configuration.po",
        "fr-FR/get-started/install-cli.po", "fr-FR/how-to/preview-locally.po",
        "fr-FR/reference/configuration.po", "ja-JP/get-started/install-cli.po",
        "ja-JP/how-to/preview-locally.po"]  # the English article's catalogs too


def test_storage_options_reach_the_file_system_and_stay_out_of_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upload(REPO / "content", "recording://docs/content")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\ncontent = "recording://docs/content"\n'
        'storage-options = { recording = { secret = "s3cr3t" } }\n', encoding="utf-8")
    assert main(["check", "--config", str(tmp_path / "pyproject.toml"), "--locales",
                 "recording://docs/locales", "--format", "json", "-j", "1"]) == 1
    assert {"secret": "s3cr3t"} in Recording.made_with
    done = capsys.readouterr()
    assert "missing-catalog" in done.out and "s3cr3t" not in done.out + done.err


def test_a_denied_write_is_a_finding_and_the_others_are_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    upload(REPO / "content", "memory://docs/content")
    Recording.refuse = PermissionError
    assert run("locales", "memory://docs/content", "memory://docs/locales",
               "recording://docs/build") == 1
    err = capsys.readouterr().err
    assert err.count("error[write-failed]: cannot write: permission denied") == 9  # each page
    assert len(download("memory://docs/locales")) == 9  # the catalogs are in another store


def test_a_store_that_keeps_failing_stops_the_run_with_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    upload(REPO / "content", "memory://docs/content")
    Recording.refuse = ConnectionError
    assert run("locales", "memory://docs/content", "memory://docs/locales",
               "recording://docs/build", "--retries", "1") == 3
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("pipeline: error")]
    assert len(lines) == 1 and "a batch failed after 1 retries: Unavailable" in lines[0]
    assert "Traceback" not in err


def test_catalogs_without_their_article_are_found_under_a_url_root(
    capsys: pytest.CaptureFixture[str],
) -> None:
    upload(REPO / "content", "memory://docs/content")
    fs, root = Url("memory://docs/locales").located()
    fs.pipe_file(f"{root}/fr-FR/gone.po", b'msgid ""\nmsgstr ""\n')
    assert run("check", "memory://docs/content", "memory://docs/locales", None) == 1
    assert ("memory://docs/locales/fr-FR/gone.po:1:1: warning[orphan-catalog]"
            in capsys.readouterr().err)


def test_an_unknown_protocol_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", "nosuchproto://x/content", "locales", None) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("pipeline: error: nosuchproto://x/content")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"storage-options": {"anon": True}}, "must be a table per protocol"),
        ({"storage-options": {"s3": {"when": object()}}}, "only strings, numbers"),
    ],
)
def test_bad_storage_options_are_named(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        from_table(table, "pyproject.toml", frozenset)


def test_a_url_root_in_the_settings_keeps_its_protocol() -> None:
    config = from_table({"out": "s3://bucket/site", "storage-options": {"s3": {"anon": True}}},
                        "pyproject.toml", frozenset)
    assert isinstance(config.out, Url) and str(config.out) == "s3://bucket/site"
    assert json.loads(config.out.options) == {"anon": True}


MOTO = importlib.util.find_spec("moto") is not None and importlib.util.find_spec("s3fs")


@pytest.mark.skipif(not MOTO, reason="needs moto[server] and s3fs (`make test` installs them)")
def test_an_s3_store_on_loopback_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        for name, value in (("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"),
                            ("AWS_DEFAULT_REGION", "us-east-1")):
            monkeypatch.setenv(name, value)
        s3 = fsspec.filesystem("s3", endpoint_url=endpoint, skip_instance_cache=True)
        s3.mkdir("docs")
        for path in sorted((REPO / "content").rglob("*.md")):
            s3.pipe_file(f"docs/content/{path.relative_to(REPO / 'content').as_posix()}",
                         path.read_bytes())
        (tmp_path / "pyproject.toml").write_text(
            f'[tool.pipeline]\nstorage-options = {{ s3 = {{ endpoint_url = "{endpoint}" }} }}\n',
            encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        shutil.copytree(REPO / "content", "content")
        assert run("locales", "content", "locales", "build") == 0
        assert run("locales", "s3://docs/content", "s3://docs/locales", "s3://docs/build") == 0
        s3.invalidate_cache()
        for kind in ("locales", "build"):
            remote = {p[len(f"docs/{kind}/"):]: s3.cat_file(p) for p in s3.find(f"docs/{kind}")}
            assert remote == local_tree(tmp_path / kind)
    finally:
        server.stop()
        storage._filesystem.cache_clear()


@pytest.mark.parametrize(("locales", "out", "named"), [
    ("nosuchproto://x/locales", "build", "nosuchproto://x/locales"),
    ("locales", "nosuchproto://x/build", "nosuchproto://x/build"),
])
def test_an_unknown_protocol_for_any_root_is_a_usage_error_before_any_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        locales: str, out: str, named: str) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", "content")  # with its English: the target locales are
    assert run("locales", "content", locales, out) == 2  # listed under the locales root too
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"pipeline: error: {named}")
    assert not Path("build").exists() and not Path("locales").exists()


def test_a_folder_named_like_an_english_article_does_not_drive_its_handoff() -> None:
    # Over a URL root as over a local one: the English is a file, and a folder of that name
    # (say, an article's images kept in 'guide.md/') does not turn the handoff off.
    fs, root = Url("memory://drives/content").located()
    fs.pipe_file(f"{root}/en-US/guide.md/image.png", b"\x89PNG")
    fs.pipe_file(f"{root}/en-US/intro.md", b"# Intro\n")
    fs.pipe_file(f"{root}/fr-FR/guide.md", b"---\ntitle: x\n---\n")
    layout = Layout(Url("memory://drives/content"), Url("memory://drives/locales"),
                    Url("memory://drives/build"), source="en-US")
    assert not layout.drives("fr-FR/guide.md")
    assert layout.drives("fr-FR/intro.md")


def test_a_url_catalogs_root_that_is_an_object_drops_no_locale(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """memory://d/locales an object, not a folder: the store listed it as itself, read as a
    folder holding no locale, so de-DE (a target by its catalogs folder alone) was dropped
    and prune deleted its page. It is a folder that cannot be read, said at the root."""
    fs = fsspec.filesystem("memory")
    fs.pipe_file("/d/content/en-US/a.md", b"---\ntitle: A\n---\n\n# A\n\nText.\n")
    fs.pipe_file("/d/content/fr-FR/.keep", b"")
    fs.pipe_file("/d/locales/de-DE/.keep", b"")
    out = str(tmp_path / "build")
    assert run("locales", "memory://d/content", "memory://d/locales", out) == 0
    fs.rm("/d/locales", recursive=True)
    fs.pipe_file("/d/locales", b"an object\n")
    capsys.readouterr()
    assert run("locales", "memory://d/content", "memory://d/locales", out, "--prune") == 1
    said = capsys.readouterr().err
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()
    assert ("memory://d/locales: error[unreadable]: cannot read this folder (Not a directory)"
            in said)
    assert "Traceback" not in said
