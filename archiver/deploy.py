"""Deploy the archiver to scrapyd: build the project egg and upload it (``addversion.json``).

From a source checkout::

    python -m archiver.deploy --url http://127.0.0.1:6800          # build and upload
    python -m archiver.deploy --egg-dir dist/                       # only build the egg

The egg is built from a temporary copy of the sources (``pyproject.toml``, ``archiver/``,
``pipelines/``), so nothing (no ``setup.py``, ``build/``, ``*.egg-info``) is left in the
checkout. It carries the project's code and its ``scrapy`` entry point (the settings
module); its dependencies must be installed in scrapyd's environment (``pip install
tech-news-archiver`` or ``pip install -e .`` there). Scheduling is plain scrapyd, see
docs/operations.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import uuid
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent
_FILES = ("pyproject.toml", "README.md")
_PACKAGES = ("archiver", "pipelines")


def build_egg(out_dir: Path, source: Path = SOURCE) -> Path:
    """Build the project egg from the checkout at *source* into *out_dir*; its path."""
    if not (source / "pyproject.toml").is_file():
        raise FileNotFoundError(f"{source} is not a source checkout (no pyproject.toml)")
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="archiver-egg-") as tmp:
        work = Path(tmp)
        for name in _FILES:
            shutil.copy2(source / name, work / name)
        for package in _PACKAGES:
            shutil.copytree(source / package, work / package,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        dist = work / "dist"
        result = subprocess.run(
            [sys.executable, "-c", "from setuptools import setup; setup()",
             "bdist_egg", "--dist-dir", str(dist)],
            cwd=work, capture_output=True, text=True, check=False,
        )
        eggs = sorted(dist.glob("*.egg"))
        if result.returncode != 0 or not eggs:
            raise RuntimeError(f"building the egg failed:\n{result.stdout}\n{result.stderr}")
        target = out_dir / eggs[0].name
        shutil.copy2(eggs[0], target)
    return target


def upload_egg(url: str, egg: Path, project: str = "archiver", version: str | None = None
               ) -> dict[str, object]:
    """POST *egg* to scrapyd's ``addversion.json`` at *url*; scrapyd's JSON answer."""
    version = version or _version()
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in (("project", project), ("version", version)):
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="egg"; '
                 f'filename="{egg.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                 .encode() + egg.read_bytes() + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    request = urllib.request.Request(
        url.rstrip("/") + "/addversion.json", data=b"".join(parts), method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        answer: dict[str, object] = json.loads(response.read())
    if answer.get("status") != "ok":
        raise RuntimeError(f"scrapyd refused the egg: {answer}")
    return answer


def _version() -> str:
    """A version scrapyd sorts correctly: the UTC time of the upload."""
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m archiver.deploy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="scrapyd's URL, e.g. http://127.0.0.1:6800")
    parser.add_argument("--project", default="archiver", help="scrapyd project name")
    parser.add_argument("--version", default=None, help="egg version (default: UTC time)")
    parser.add_argument("--egg-dir", type=Path, default=None,
                        help="keep the egg in this directory (default: a temporary one)")
    args = parser.parse_args(argv)
    if not args.url and not args.egg_dir:
        parser.error("give --url (build and upload) or --egg-dir (build only)")
    with tempfile.TemporaryDirectory() as tmp:
        egg = build_egg(args.egg_dir or Path(tmp))
        print(f"egg: {egg}" if args.egg_dir else f"built {egg.name}")
        if args.url:
            answer = upload_egg(args.url, egg, args.project, args.version)
            print(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
