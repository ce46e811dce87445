"""One exception type per kind of user error; the CLI prints them as one line."""


class KGError(Exception):
    """Base of every error a user can cause and fix."""


class ReadError(KGError):
    """An input file cannot be read as an article (path and reason in the message)."""


class StoreError(KGError):
    """The store cannot be opened or written (locked, missing, unreachable)."""


class StoreLockedError(StoreError):
    """Another `kg` process holds the store."""


class QueryError(KGError):
    """A SPARQL query is malformed, or a parameter does not fit it."""


class NotFoundError(KGError):
    """A named article, entity or file does not exist."""


class InputError(KGError):
    """A command-line argument or gold file is not usable."""


class RequestError(KGError):
    """`kg serve` refuses an HTTP request (malformed, too large, not allowed); `status` is the HTTP
    status that says which, `headers` any the answer needs (`Retry-After`, `WWW-Authenticate`)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
