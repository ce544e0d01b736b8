"""An HTTP error the client can act on: a status and one Chinese line, sent as {"error": "..."}."""
from __future__ import annotations


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


def bad_request(message: str) -> HttpError:
    return HttpError(400, message)
