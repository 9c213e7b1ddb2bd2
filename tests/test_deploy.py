"""Deployment as the Dockerfile and the systemd unit do it: the wheel in a fresh venv, then
`pariscall serve` with Slack over HTTP against a fake Web API, checked through /readyz."""

from __future__ import annotations

import json
import os
import signal
import site
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.slack_fakes import BOT_TOKEN, SECRET, FakeSlackAPI

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_serves_slack_and_is_ready(tmp_path: Path) -> None:
    """Build the wheel, install it into a new venv (dependencies from this one, offline), run
    its `pariscall serve` from an empty folder: /readyz says Slack is connected; SIGTERM -> 0."""
    dist, venv, work = tmp_path / "dist", tmp_path / "venv", tmp_path / "work"
    work.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(dist), str(ROOT)], check=True, capture_output=True)  # fmt: skip
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # The dependencies come from this test environment (no network): a .pth file points at them.
    [site_packages] = (venv / "lib").glob("python3*/site-packages")
    (site_packages / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    wheel = next(dist.glob("pariscall-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                   check=True, capture_output=True)  # fmt: skip
    pariscall = venv / "bin" / "pariscall"
    assert pariscall.is_file()

    fake = FakeSlackAPI().start()
    port, health_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "DISCORD_", "PARISCALL_", "PYTHON"))}  # fmt: skip
    env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.url,
               PORT=str(port), PARISCALL_HEALTH_PORT=str(health_port),
               PARISCALL_DATA_DIR=str(tmp_path / "data"), PARISCALL_CACHE_DIR=str(tmp_path / "cache"),
               PARISCALL_LOG_FORMAT="json")  # fmt: skip
    proc = subprocess.Popen([str(pariscall), "serve"], cwd=work, env=env, text=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        ready = None
        deadline = time.monotonic() + 30
        while ready is None and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{health_port}/readyz", timeout=1
                ) as r:
                    ready = (r.status, json.loads(r.read()))
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        assert ready == (200, {"ready": True, "platforms": {"slack": {"state": "connected"}}})
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
            assert r.status == 200  # also on the Slack port
    finally:
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=20)
        fake.stop()
    assert proc.returncode == 0, stderr
    lines = [json.loads(line) for line in stderr.splitlines()]  # every log line is JSON
    assert any("listening" in line["message"] for line in lines)
    assert BOT_TOKEN not in stderr and SECRET not in stderr


def test_dockerfile_and_unit_follow_the_tested_steps() -> None:
    """The Dockerfile is multi-stage, non-root, checks /healthz and runs `pariscall serve`;
    the unit restarts on failure, reads an environment file, runs unprivileged, stops by SIGTERM."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.count("\nFROM ") + dockerfile.startswith("FROM ") >= 2
    assert "pip wheel" in dockerfile and "-m venv" in dockerfile and "/healthz" in dockerfile
    assert "\nUSER pariscall" in dockerfile and "HEALTHCHECK" in dockerfile
    assert 'CMD ["pariscall", "serve"]' in dockerfile and "COPY content" in dockerfile
    unit = (ROOT / "deploy" / "pariscall.service").read_text()
    for line in ("Restart=on-failure", "RestartPreventExitStatus=2", "KillSignal=SIGTERM",
                 "EnvironmentFile=/etc/pariscall/pariscall.env", "DynamicUser=yes",
                 "ExecStart=/opt/pariscall/bin/pariscall serve"):  # fmt: skip
        assert f"\n{line}\n" in unit, line
