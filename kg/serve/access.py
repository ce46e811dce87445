"""Who may ask what of `kg serve`: every request must name this server in its `Host` header, and an
update must carry the update token and come from no other site.

- `Host`: a web page can rebind its own domain name to 127.0.0.1 (DNS rebinding) and then read the
  endpoint as if it were its own. The browser still sends the page's name as `Host`, so only
  names this server is known by are answered: localhost, the name it was bound to, the
  `--allowed-host` names, and any IP address (rebinding needs a name).
- Updates: any page can POST a form to localhost, so a write needs `Authorization: Bearer TOKEN`
  (compared in constant time), which a form cannot send and a cross-site script cannot send
  without a CORS preflight this server never approves; an `Origin` other than this server's own
  is refused as well.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from kg.errors import RequestError


def _hostname(authority: str) -> str | None:
    """The host of `name:port`, `[v6]:port` or `name`, lower case, or None if it is not one."""
    try:
        return urlsplit("//" + authority).hostname
    except ValueError:
        return None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Access:
    """The names this server answers to, those of them given with --allowed-host (whose pages may
    also send updates), and the token an update needs (None: updates are off)."""

    names: frozenset[str]
    allowed: frozenset[str]
    update_token: str | None

    @classmethod
    def of(cls, bound_host: str, allowed_hosts: Iterable[str], update_token: str | None) -> Access:
        allowed = frozenset(name.lower().rstrip(".") for name in allowed_hosts)
        names = {"localhost", *allowed}
        if not _is_address(bound_host):
            names.add(bound_host.lower().rstrip("."))
        return cls(frozenset(names), allowed, update_token)

    def _known(self, host: str | None) -> bool:
        return host is not None and (_is_address(host) or host.rstrip(".") in self.names)

    def check_host(self, host_header: str | None) -> None:
        """Refuse (403) a request whose Host names another server; HTTP/1.0 clients send none."""
        if host_header is None:
            return
        host = _hostname(host_header.strip())
        if not self._known(host):
            raise RequestError(403, f"this server does not answer to the name {host_header.strip()!r} "
                                    "(start kg serve with --allowed-host NAME to allow a name)")

    def check_update(self, headers: Message) -> None:
        """Refuse an update from another site (403) or without the update token (401)."""
        origin = headers.get("Origin")
        if origin is not None:
            url = urlsplit(origin.strip())
            own = (headers.get("Host") or "").strip().lower()
            same_origin = url.scheme in ("http", "https") and url.netloc.lower() == own
            if not (same_origin or (url.hostname or "") in self.allowed):
                raise RequestError(403, f"updates from another site ({origin.strip()}) are refused")
        scheme, _, token = (headers.get("Authorization") or "").strip().partition(" ")
        if self.update_token is None or scheme.lower() != "bearer" or not hmac.compare_digest(
                token.strip().encode(), self.update_token.encode()):
            raise RequestError(401, "updates need the header Authorization: Bearer TOKEN, with the update token "
                                    "kg serve printed at start (or was given with --update-token)",
                               {"WWW-Authenticate": 'Bearer realm="kg serve"'})
