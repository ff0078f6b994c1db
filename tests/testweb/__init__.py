"""The reusable "test web": real HTTP(S) servers on loopback and a forward proxy.

See README.md in this folder for the API. Nothing here mocks `requests`.
"""

from .proxy import PROXY_TITLE, ForwardProxy
from .server import (
                     Hit,
                     Reply,
                     Request,
                     TestWeb,
                     gzip_bomb_bytes,
                     html_page,
                     refused_port,
                     refused_ports,
)

__all__ = [
    "PROXY_TITLE",
    "ForwardProxy",
    "Hit",
    "Reply",
    "Request",
    "TestWeb",
    "gzip_bomb_bytes",
    "html_page",
    "refused_port",
    "refused_ports",
]
