"""Packaging: the wheel carries the content, so `pariscall` works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_content_and_adapters(tmp_path: Path) -> None:
    """The built wheel holds bot/_content/*.yaml, every adapter and the console script."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)  # fmt: skip
    wheel = next(tmp_path.glob("pariscall-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for yaml_file in ("principles.yaml", "topics.yaml", "supporters.yaml"):
        assert f"bot/_content/{yaml_file}" in names
    for module in ("bot/core.py", "adapters/cli.py", "adapters/slack/__init__.py",
                   "adapters/discord/__init__.py"):  # fmt: skip
        assert module in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "pariscall = adapters.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not any(n.startswith("tests/") for n in names)
