"""A notebook client for the nuclear security graph's HTTP API: answers as pandas DataFrames.

    >>> from nsgraph_client import Client
    >>> api = Client("http://127.0.0.1:8000")
    >>> api.parties("ICSANT", as_of="2016-04-01")
"""

from nsgraph_client.client import Client, Gaps, StateProfile
from nsgraph_client.errors import InvalidRequest, NotFound, NSGraphError, ServerError, Unavailable

__all__ = ["Client", "Gaps", "InvalidRequest", "NSGraphError", "NotFound", "ServerError", "StateProfile",
           "Unavailable"]
