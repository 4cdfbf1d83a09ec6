"""Every code block of docs/analysts.md runs, as written, against a real crawled archive
(``output/`` in a scratch directory): Python (pandas, Polars, archiver.load), DuckDB SQL,
and the shell recipes (archiver commands, zcat | jq)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO

DOC = REPO / "docs" / "analysts.md"
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", DOC.read_text("utf-8"), re.S)


def _blocks(lang: str) -> list[str]:
    return [code for kind, code in BLOCKS if kind == lang]


@pytest.fixture
def workdir(demo_archive, tmp_path, monkeypatch) -> Path:
    (tmp_path / "output").symlink_to(demo_archive, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_doc_has_recipes_for_every_tool():
    text = DOC.read_text("utf-8")
    for needle in ("archiver.load(", "pd.read_json", "read_json('output/articles/**/*.jsonl.gz'",
                   "hive_partitioning = true", "pl.scan_ndjson", "| jq", "latest",
                   "schema/article.schema.json", "archiver validate", "archiver export",
                   "archiver report"):
        assert needle in text, needle
    assert len(_blocks("python")) >= 3
    assert _blocks("sql")


@pytest.mark.parametrize("index", range(len(_blocks("python"))))
def test_python_recipe(workdir, index, capsys):
    exec(compile(_blocks("python")[index], f"{DOC}:python[{index}]", "exec"), {})
    assert capsys.readouterr().out.strip()


def test_duckdb_recipes(workdir):
    con = duckdb.connect()
    results = []
    for code in _blocks("sql"):
        for statement in code.split(";\n"):
            sql = "\n".join(line for line in statement.splitlines()
                            if not line.startswith("--")).strip()
            if sql.startswith("SELECT"):
                results.append(con.sql(sql).fetchall())
            elif sql:
                con.execute(sql)
    assert results
    assert all(rows for rows in results), results
    [(total,)] = con.sql("SELECT count(*) FROM articles").fetchall()
    [(ids,)] = con.sql("SELECT count(DISTINCT id) FROM records").fetchall()
    assert total == ids >= 20


@pytest.mark.parametrize("index", range(len(_blocks("bash"))))
def test_shell_recipe(workdir, index):
    code = _blocks("bash")[index]
    if "jq" in code and shutil.which("jq") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("jq is not installed (.ci/run installs it)")
        pytest.skip("jq is not installed (apt-get install jq)")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-ec", code], capture_output=True, text=True, env=env,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (result.stdout + result.stderr).strip()
