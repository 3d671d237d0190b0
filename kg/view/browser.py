"""Headless Chromium for the view's tests, benchmark and screenshot.

Uses Debian's ``chromium`` package driven by the Python ``playwright`` package
(test dependencies, not needed to build). The browser is never downloaded:
when it is missing, ``launch`` says how to install it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> Path:
    """The Chromium binary: $LANTIAN_CHROMIUM, else /usr/bin/chromium, else chromium on PATH."""
    for candidate in (os.environ.get("LANTIAN_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError(
        "Chromium not found at /usr/bin/chromium (nor $LANTIAN_CHROMIUM, nor on PATH); "
        "install it with 'apt-get install -y chromium' (Debian) "
        "or point LANTIAN_CHROMIUM at a Chromium binary"
    )


def launch(playwright: Any) -> Any:
    """A headless Chromium browser from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
