"""Smoke-test a built app (the frozen executable, not the Python package).

    python3 packaging/smoke_test.py packaging/dist/jining-archive/jining-archive
    python3 packaging/smoke_test.py --read-only PREFIX/bin/jining-archive

Every run of the app gets a clean environment: only HOME (a new temporary
folder), PATH=/usr/bin:/bin and, where a check says so, JINING_ARCHIVE_HOME and
QT_QPA_PLATFORM; no PYTHONPATH, no virtual environment, no locale. Checks:

- ``--version`` prints the version in desktop/jining_archive/__init__.py;
- ``articles --json`` lists the articles of corpus/manifest.json;
- ``search 小松 --json`` returns hits in every article whose text contains 小松
  (what grep finds in corpus/), and builds its index in the cache folder;
- the same search with only HOME set puts the index under ~/.cache/jining-archive;
- ``--self-test`` starts the window offscreen, opens an article, searches, prints
  one JSON line and exits 0, and writes no settings file;
- ``--help`` does not list ``extraction-quality`` (the gold is not shipped);
- with ``QT_QPA_PLATFORM=wayland`` and no compositor, ``--self-test`` under Xvfb
  (when ``xvfb-run`` is there) falls back to X11 with a note instead of aborting;
- with ``weston`` there, ``--self-test`` runs on Wayland under weston's headless
  compositor (no X server), through the bundled Wayland plugin;
- ``import`` of a folder holding a saved web page, a GBK text, a Word file and a
  PDF (made here with the standard library) adds four articles, and ``search``
  finds each (the format readers and their data files are in the bundle);
- nothing inside the app folder changed. With ``--read-only`` the app folder is
  made read-only first and, when run as root, the app runs as the user ``nobody``
  (root ignores file permissions), so a write there would fail loudly.

Only the standard library is used: this runs on the build machine's python3.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUERY = "小松"
TIMEOUT_S = 240


class SmokeFailure(Exception):
    """A check failed."""


class Runner:
    """Runs the app in a clean environment, optionally as another user."""

    def __init__(self, executable: Path, home: Path, user: pwd.struct_passwd | None) -> None:
        self.executable = executable
        self.home = home
        self.user = user

    def run(
        self,
        *args: str,
        extra_env: dict[str, str] | None = None,
        wrapper: tuple[str, ...] = (),
        stderr_out: list[str] | None = None,
    ) -> str:
        """Run the app with args (after ``wrapper``, e.g. xvfb-run); return stdout, fail on
        a non-zero exit or a traceback. ``stderr_out`` receives what it wrote to stderr."""
        env = {"HOME": str(self.home), "PATH": "/usr/bin:/bin", **(extra_env or {})}
        command = [*wrapper, str(self.executable), *args]
        started = time.monotonic()
        try:
            done = subprocess.run(
                command,
                env=env,
                cwd=str(self.home),
                capture_output=True,
                timeout=TIMEOUT_S,
                user=self.user.pw_uid if self.user else None,
                group=self.user.pw_gid if self.user else None,
                extra_groups=[] if self.user else None,
            )
        except subprocess.TimeoutExpired as exc:
            raise SmokeFailure(f"{' '.join(args)}: no exit after {TIMEOUT_S} s") from exc
        stdout = done.stdout.decode("utf-8", errors="replace")
        stderr = done.stderr.decode("utf-8", errors="replace")
        seconds = time.monotonic() - started
        print(f"  $ jining-archive {' '.join(args)}  -> exit {done.returncode} in {seconds:.1f} s")
        if done.returncode != 0 or "Traceback (most recent call last)" in stderr:
            raise SmokeFailure(
                f"{' '.join(args)} exited {done.returncode}\n--- stdout\n{stdout[-3000:]}"
                f"\n--- stderr\n{stderr[-3000:]}"
            )
        if stderr_out is not None:
            stderr_out.append(stderr)
        if stderr.strip():
            print("    stderr: " + stderr.strip().replace("\n", "\n            ")[:1500])
        return stdout


def manifest_articles() -> list[dict[str, Any]]:
    """The curated article list of the bundled archive."""
    manifest = json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    articles: list[dict[str, Any]] = manifest["articles"]
    return articles


def articles_containing(text: str) -> set[str]:
    """Ids of the bundled articles whose source text contains ``text`` (what grep finds)."""
    found = set()
    for entry in manifest_articles():
        source = (ROOT / "corpus" / entry["file"]).read_bytes().decode("utf-8", errors="replace")
        if text in source:
            found.add(entry["id"])
    return found


def strings_in(data: Any) -> Iterator[str]:
    """Every string value anywhere in a JSON document."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings_in(value)


def parse_json(output: str, what: str) -> Any:
    """The JSON document the app printed."""
    try:
        return json.loads(output)
    except json.JSONDecodeError as exc:
        raise SmokeFailure(f"{what}: output is not JSON ({exc}): {output[:500]!r}") from exc


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """(mode, size, mtime) of every file and folder under ``folder``."""
    entries = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            info = path.lstat()
            entries[str(path.relative_to(folder))] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return entries


def make_read_only(folder: Path) -> None:
    """Remove every write permission under ``folder``."""
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            if not path.is_symlink():
                path.chmod(stat.S_IMODE(path.lstat().st_mode) & ~0o222)
    folder.chmod(stat.S_IMODE(folder.stat().st_mode) & ~0o222)


def folder_has_files(folder: Path) -> bool:
    """True when ``folder`` exists and holds at least one file."""
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))


IMPORTS = {
    "page.html": "智能装备产业园",
    "notice.txt": "新材料产业基地",
    "report.docx": "生物医药创新中心",
    "bulletin.pdf": "Lakeside Science Park",
}


def _docx(paragraphs: list[str]) -> bytes:
    """A minimal Word file: just the parts a .docx needs."""
    import io

    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            f'ContentType="{main}"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{rel}" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}'
            "</w:body></w:document>",
        )
    return out.getvalue()


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with a text layer (Latin text in a standard font)."""
    text = "".join(
        f"BT /F1 12 Tf 72 {720 - 20 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines)
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def make_imports(folder: Path) -> None:
    """One file of each kind the import reads."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_text(
        "<html><head><meta charset='utf-8'><title>智能装备产业园二期开工</title></head><body>"
        "<div>首页 | 新闻 | 政务</div><article><h1>智能装备产业园二期开工</h1>"
        "<p>3月16日，智能装备产业园二期项目正式开工，计划总投资15亿元，建成后可容纳企业40家。</p>"
        "<p>项目负责人介绍，二期工程预计明年底竣工投产。</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "notice.txt").write_bytes(
        "新材料产业基地项目签约\n\n新材料产业基地项目总投资20亿元，占地300亩。\n".encode("gbk")
    )
    (folder / "report.docx").write_bytes(
        _docx(["生物医药创新中心启用", "生物医药创新中心建筑面积3万平方米，已入驻企业12家。"])
    )
    (folder / "bulletin.pdf").write_bytes(
        _pdf(["Lakeside Science Park opens", "The Lakeside Science Park hosts 30 firms."])
    )
    if os.geteuid() == 0:
        for path in [folder, *folder.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def check_wayland(runner: Runner, weston: str, isolated: dict[str, str]) -> None:
    """--self-test with QT_QPA_PLATFORM=wayland under weston's headless backend, with no
    X server to fall back to: the bundled Wayland plugin has to do it."""
    runtime = runner.home / "wayland-runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    if runner.user:
        os.chown(runtime, runner.user.pw_uid, runner.user.pw_gid)
    socket = "wayland-smoke"
    compositor = subprocess.Popen(
        [weston, "--backend=headless-backend.so", f"--socket={socket}", "--idle-time=0"],
        env={"HOME": str(runner.home), "PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": str(runtime)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        user=runner.user.pw_uid if runner.user else None,
        group=runner.user.pw_gid if runner.user else None,
        extra_groups=[] if runner.user else None,
    )
    try:
        deadline = time.monotonic() + 20
        while not (runtime / socket).exists():
            if compositor.poll() is not None or time.monotonic() > deadline:
                raise SmokeFailure("weston's headless compositor did not start")
            time.sleep(0.2)
        env = {
            **isolated,
            "QT_QPA_PLATFORM": "wayland",
            "XDG_RUNTIME_DIR": str(runtime),
            "WAYLAND_DISPLAY": socket,
        }
        said: list[str] = []
        out = runner.run("--self-test", extra_env=env, stderr_out=said)
        lines = out.strip().splitlines()
        report = parse_json(lines[-1], "--self-test on Wayland") if lines else {}
        if report.get("ok") is not True or "xcb" in "".join(said):
            raise SmokeFailure(f"--self-test on Wayland: {out} {said}")
    finally:
        compositor.terminate()
        compositor.wait(timeout=10)


def check_all(runner: Runner, expected_version: str) -> list[str]:
    """Run every check; returns the names of those that passed."""
    passed = []
    archive_home = runner.home / "archive-home"
    isolated = {"JINING_ARCHIVE_HOME": str(archive_home)}

    out = runner.run("--version")
    if expected_version not in out:
        raise SmokeFailure(f"--version printed {out!r}, expected {expected_version}")
    passed.append("version")

    listed = parse_json(runner.run("articles", "--json", extra_env=isolated), "articles --json")
    listed_ids = {a.get("id") for a in listed} if isinstance(listed, list) else set()
    expected_ids = {a["id"] for a in manifest_articles()}
    if listed_ids != expected_ids:
        raise SmokeFailure(
            f"articles --json listed {sorted(listed_ids)}, the manifest has {sorted(expected_ids)}"
        )
    passed.append("articles --json")

    expected_hits = articles_containing(QUERY)
    if not expected_hits:
        raise SmokeFailure(f"no bundled article contains {QUERY}; the check would prove nothing")
    results = parse_json(runner.run("search", QUERY, "--json", extra_env=isolated), "search --json")
    found = set(strings_in(results)) & expected_ids
    if not expected_hits <= found:
        raise SmokeFailure(
            f"search {QUERY} found articles {sorted(found)}; "
            f"these contain it: {sorted(expected_hits)}"
        )
    if not any(QUERY in s for s in strings_in(results)):
        raise SmokeFailure(f"search {QUERY}: no snippet or text in the output contains {QUERY}")
    passed.append(f"search {QUERY} --json ({len(found)} articles)")

    if not folder_has_files(archive_home / "cache"):
        raise SmokeFailure(f"no index or cache files under {archive_home / 'cache'}")
    passed.append("index in JINING_ARCHIVE_HOME/cache")

    runner.run("search", QUERY, "--json")
    default_cache = runner.home / ".cache" / "jining-archive"
    if not folder_has_files(default_cache):
        raise SmokeFailure(f"with only HOME set, nothing was written to {default_cache}")
    passed.append("index in ~/.cache/jining-archive")

    out = runner.run("--self-test", extra_env={**isolated, "QT_QPA_PLATFORM": "offscreen"})
    lines = [line for line in out.splitlines() if line.strip()]
    if not lines:
        raise SmokeFailure("--self-test printed nothing")
    report = parse_json(lines[-1], "--self-test")
    print(f"    self-test: {lines[-1][:400]}")
    if not isinstance(report, dict) or report.get("ok") is not True:
        raise SmokeFailure(f"--self-test did not report success: {report}")
    with_hits = report.get("articles_with_hits")
    if with_hits is not None and with_hits != len(expected_hits):
        raise SmokeFailure(
            f"--self-test found {QUERY} in {with_hits} articles; it is in {len(expected_hits)}"
        )
    settings_file = archive_home / "data" / "settings.ini"
    if settings_file.exists():
        raise SmokeFailure(f"--self-test wrote the user's settings ({settings_file})")
    passed.append("GUI --self-test (offscreen), user settings untouched")

    help_text = runner.run("--help")
    if "extraction-quality" in help_text or "articles" not in help_text:
        raise SmokeFailure(f"--help lists a command the packaged app cannot run:\n{help_text}")
    passed.append("--help lists only what the packaged app runs")

    xvfb = shutil.which("xvfb-run")
    if xvfb:
        runtime = runner.home / "runtime"  # an XDG_RUNTIME_DIR with no compositor socket
        runtime.mkdir(mode=0o700, exist_ok=True)
        if runner.user:
            os.chown(runtime, runner.user.pw_uid, runner.user.pw_gid)
        wayland_env = {**isolated, "QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(runtime)}
        said: list[str] = []
        out = runner.run(
            "--self-test", extra_env=wayland_env, wrapper=(xvfb, "-a"), stderr_out=said
        )
        lines = out.strip().splitlines()
        report = parse_json(lines[-1], "--self-test under Wayland") if lines else {}
        if report.get("ok") is not True or "using X11 (xcb) instead" not in "".join(said):
            raise SmokeFailure(f"QT_QPA_PLATFORM=wayland without a compositor: {out} {said}")
        passed.append("QT_QPA_PLATFORM=wayland without a compositor falls back to X11 (Xvfb)")
    else:
        print("  (xvfb-run not found: the Wayland fallback under X11 is not checked)")

    weston = shutil.which("weston")
    if weston:
        check_wayland(runner, weston, isolated)
        passed.append("GUI --self-test on Wayland (weston's headless compositor)")
    else:
        print("  (weston not found: the window on Wayland is not checked)")

    folder = runner.home / "to-import"
    make_imports(folder)
    imported = parse_json(
        runner.run("import", str(folder), "--json", extra_env=isolated), "import --json"
    )
    statuses = {Path(r["path"]).name: r["status"] for r in imported}
    if statuses != dict.fromkeys(IMPORTS, "added"):
        raise SmokeFailure(f"import --json gave {imported}")
    for name, query in IMPORTS.items():
        found = parse_json(
            runner.run("search", query, "--json", extra_env=isolated), f"search {query}"
        )
        if not found.get("hits"):
            raise SmokeFailure(f"search {query}: the imported {name} was not found")
    passed.append(f"import of {', '.join(IMPORTS)}, each found by search")
    return passed


def main(argv: list[str] | None = None) -> int:
    """Run the smoke test; exit 0 when every check passed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "executable", type=Path, help="the built jining-archive executable (or a link to it)"
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="make the app folder read-only first (use on a copy: it stays read-only)",
    )
    args = parser.parse_args(argv)

    executable: Path = args.executable.absolute()
    if not executable.is_file():
        print(f"smoke test: {executable} not found", file=sys.stderr)
        return 2
    app_dir = executable.resolve().parent
    init = (ROOT / "desktop" / "jining_archive" / "__init__.py").read_text(encoding="utf-8")
    version_match = re.search(r'__version__\s*=\s*"([^"]+)"', init)
    if not version_match:
        print("smoke test: no __version__ in the package", file=sys.stderr)
        return 2

    user = None
    if args.read_only:
        make_read_only(app_dir)
        if os.geteuid() == 0:
            user = pwd.getpwnam("nobody")
    before = snapshot(app_dir)

    home = Path(tempfile.mkdtemp(prefix="jining-smoke-"))
    home.chmod(0o755)
    if user:
        os.chown(home, user.pw_uid, user.pw_gid)
    print(f"smoke test of {executable} (app folder {app_dir})")
    print(f"  clean environment: HOME={home} PATH=/usr/bin:/bin" + (" as nobody" if user else ""))
    try:
        passed = check_all(Runner(executable, home, user), version_match.group(1))
        after = snapshot(app_dir)
        if after != before:
            changed = sorted(set(after.items()) ^ set(before.items()))
            raise SmokeFailure(f"the app changed its own folder: {changed[:10]}")
        passed.append("app folder unchanged" + (" (read-only)" if args.read_only else ""))
    except SmokeFailure as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(home, ignore_errors=True)
    for name in passed:
        print(f"  ok  {name}")
    print(f"smoke test: all {len(passed)} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
