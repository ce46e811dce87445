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
    update_token: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    timeout: float = 30.0
    max_rows: int = 10000
    workers: int = 4
    queue: int = 16
    max_body: int = 1 << 20
    allow_service: tuple[str, ...] = ()
    quiet: bool = False

    def __post_init__(self) -> None:
        for option, hosts in (("--allow-service", self.allow_service), ("--allowed-host", self.allowed_hosts)):
            for host in hosts:
                if not re.fullmatch(r"[A-Za-z0-9.-]+|\[?[0-9A-Fa-f:.]+\]?", host):
                    raise InputError(f"{option} takes a host name or address, not {host!r}")
        if self.update_token is not None and not self.allow_update:
            raise InputError("--update-token needs --allow-update")
        if self.update_token is not None and not re.fullmatch(r"[\x21-\x7e]+", self.update_token):
            raise InputError("--update-token must be printable ASCII without spaces")
