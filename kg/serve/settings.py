"""What `kg serve` allows and how much, in one place: `make_server` takes these, and the CLI's
defaults are these."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import InputError


@dataclass(frozen=True)
class Settings:
    """The options of `kg serve` (see the README's `kg serve` section for what each guarantees)."""

    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    timeout: float = 30.0
    max_rows: int = 10000
    workers: int = 2
    allow_service: tuple[str, ...] = ()
    quiet: bool = False

    def __post_init__(self) -> None:
        for host in self.allow_service:
            if not re.fullmatch(r"[A-Za-z0-9.-]+|\[?[0-9A-Fa-f:.]+\]?", host):
                raise InputError(f"--allow-service takes a host name or address, not {host!r}")
