"""A real browser for the notebook and review-page tests: headless Debian Chromium driven by
selenium through Debian's chromedriver (no browser or driver is downloaded), and the servers it
talks to, each on a free loopback port with its own token and temporary Jupyter folders.

Chromium and chromedriver come from ``scripts/install_test_deps.sh`` (apt, as root); without them
these tests skip and say how to install them. Screenshots go to ``tests/artifacts/browser/``
(git-ignored).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "browser"
NOTEBOOKS = ROOT / "notebooks"
KERNEL_NAME = "evidence-lab"
# The machine's network is closed: without these Chromium floods refused connections.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                  "--disable-dev-shm-usage"]
SERVER_START_S = 120
SERVER_STOP_S = 30
# JupyterLab asks no one for news or updates (the settings an officer's set-up may leave on).
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
                {"fetchNews": "false", "checkForUpdates": False}}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _binary(*names: str) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def chromium_paths() -> tuple[str, str]:
    """(chromium, chromedriver), or skip with how to install them."""
    chromium = _binary("chromium", "chromium-browser")
    driver = _binary("chromedriver")
    if not chromium or not driver:
        pytest.skip("headless Chromium and its driver are not installed: run "
                    "scripts/install_test_deps.sh as root (apt-get install chromium "
                    "chromium-driver)")
    pytest.importorskip("selenium")
    return chromium, driver


class Browser:
    """One headless Chromium window (selenium), with the page's console kept for checks."""

    def __init__(self, chromium: str, driver: str, profile: Path, *, width: int = 1280,
                 height: int = 1600) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(driver))
        self.driver.set_page_load_timeout(SERVER_START_S)
        self.console: list[dict[str, Any]] = []
        self.resize(width, height)

    def resize(self, width: int, height: int) -> None:
        """Lay the page out at ``width`` CSS pixels (a phone is 390): headless Chromium's window
        cannot be narrower than 500, so the width is emulated."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})

    def open(self, url: str) -> None:
        self.driver.get(url)

    def run(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def wait(self, what: str, condition: Callable[[], Any], timeout: float) -> Any:
        """Poll ``condition`` every half second until it returns something truthy."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                self.screenshot("timeout")
                raise TimeoutError(f"waited {timeout:.0f} s for {what}")
            time.sleep(0.5)

    def find(self, css: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait_for(self, css: str, timeout: float) -> Any:
        """The first element matching ``css`` once it is on the page."""
        return self.wait(f"an element {css!r}", lambda: self.find(css), timeout)[0]

    def text(self, css: str) -> str:
        """The visible text of the first element matching ``css`` ("" when there is none); read
        in the page, so an element the widget has just re-rendered is never stale."""
        return self.run("const e = document.querySelector(arguments[0]);"
                        "return e ? e.innerText.trim() : '';", css)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def console_errors(self) -> list[str]:
        """Every console message of level error (SEVERE) so far: failed loads, uncaught errors."""
        self.console += self.driver.get_log("browser")
        return [entry["message"] for entry in self.console if entry["level"] == "SEVERE"]

    def resources(self) -> list[str]:
        """Every URL the page loaded (scripts, styles, fonts, images, API calls)."""
        return self.run("return performance.getEntriesByType('resource').map(e => e.name)")

    def close(self) -> None:
        self.driver.quit()


@pytest.fixture
def browser(chromium_paths: tuple[str, str], tmp_path: Path) -> Iterator[Browser]:
    """A fresh Chromium with a fresh profile; closed after the test."""
    window = Browser(*chromium_paths, tmp_path / "chromium-profile")
    try:
        yield window
    finally:
        window.close()


class Server:
    """A server started by a test, in its own process group, stopped in bounded time."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path, cwd: Path) -> None:
        self.log = log
        self._log_file = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(args, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                        stdout=self._log_file, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_output(self, text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}):\n"
                                   f"{self.output()[-3000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {text!r} from the server in {timeout:.0f} s:\n"
                                   f"{self.output()[-3000:]}")
            time.sleep(0.25)
        return self.output()

    def stop(self) -> float:
        """Interrupt the server (as Ctrl+C does), then terminate and kill its whole process group
        (kernels included) if it lingers; returns the seconds it took."""
        started = time.monotonic()
        for sig, wait_s in ((signal.SIGINT, SERVER_STOP_S), (signal.SIGTERM, 10),
                            (signal.SIGKILL, 10)):
            if self.process.poll() is not None:
                break
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=wait_s)
            except subprocess.TimeoutExpired:
                continue
        with_group_gone = time.monotonic() + 10
        while time.monotonic() < with_group_gone:  # the kernels leave with the server
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.2)
        else:
            os.killpg(self.process.pid, signal.SIGKILL)
        self._log_file.close()
        return time.monotonic() - started


def jupyter_env(home: Path) -> dict[str, str]:
    """The test's environment with Jupyter's settings, runtime, config and data folders (and the
    temporary folder that notebooks' ``tempfile`` uses) inside ``home``."""
    env = dict(os.environ)
    folders = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_RUNTIME_DIR": "runtime",
               "JUPYTER_DATA_DIR": "data", "JUPYTERLAB_SETTINGS_DIR": "settings",
               "JUPYTERLAB_WORKSPACES_DIR": "workspaces", "TMPDIR": "tmp", "IPYTHONDIR": "ipython",
               "MPLCONFIGDIR": "matplotlib"}
    for variable, name in folders.items():
        (home / name).mkdir(parents=True, exist_ok=True)
        env[variable] = str(home / name)
    for name, settings in LAB_SETTINGS.items():
        path = home / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    env.pop("JUPYTER_PATH", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


class JupyterLab:
    """JupyterLab serving a copy of ``notebooks/`` (nothing a run saves lands in the checkout)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.root = home / "notebooks"
        shutil.copytree(NOTEBOOKS, self.root)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = jupyter_env(home)
        self.server = Server([sys.executable, "-m", "jupyterlab", "--no-browser",
                              "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                              "--ServerApp.port_retries=0",
                              f"--IdentityProvider.token={self.token}",
                              f"--ServerApp.root_dir={self.root}",
                              "--LabApp.expose_app_in_browser=True",
                              "--LabApp.news_url=", "--ServerApp.shutdown_no_activity_timeout=1800",
                              "--MappingKernelManager.cull_idle_timeout=0",
                              "--LabApp.extension_manager=readonly",
                              *(["--allow-root"] if os.geteuid() == 0 else [])],
                             self.env, home / "jupyterlab.log", self.root)
        self.wait_ready()

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def wait_ready(self) -> None:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            try:
                self.api("status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                if self.server.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n"
                                       f"{self.server.output()[-3000:]}") from None
                time.sleep(0.5)

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"

    def shutdown_kernels(self) -> None:
        """Shut every kernel down (it releases the review store's file lock)."""
        for kernel in self.api("kernels"):
            self.api(f"kernels/{kernel['id']}", method="DELETE")

    def stop(self) -> float:
        return self.server.stop()


@pytest.fixture(scope="session")
def kernel_is_registered() -> None:
    """The set-up registers the venv as the ``evidence-lab`` kernel, which the notebooks name."""
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    if KERNEL_NAME not in specs:
        pytest.fail(f"no Jupyter kernel named {KERNEL_NAME!r}; `make install` registers it "
                    f"(python -m ipykernel install --sys-prefix --name {KERNEL_NAME}); found "
                    f"{', '.join(sorted(specs))}")


@pytest.fixture(scope="module")
def jupyterlab(chromium_paths: tuple[str, str],
               kernel_is_registered: None) -> Iterator[JupyterLab]:
    """JupyterLab on a free loopback port with a token, stopped in bounded time after the module."""
    home = Path(tempfile.mkdtemp(prefix="evidence-lab-lab-"))
    lab = JupyterLab(home)
    try:
        yield lab
    finally:
        took = lab.stop()
        shutil.rmtree(home, ignore_errors=True)
        assert took < SERVER_STOP_S + 25, f"JupyterLab took {took:.0f} s to stop"
