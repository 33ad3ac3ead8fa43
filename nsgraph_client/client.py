"""`Client`: one method per resource of the nuclear security graph's HTTP API, answers as DataFrames."""

import datetime
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote, urlencode

import httpx
import pandas as pd

from nsgraph_client.errors import InvalidRequest, Unavailable, raise_for_problem
from nsgraph_client.frames import envelope_attrs, rows_frame

API_PREFIX = "/api/v1"
PAGE_SIZE = 1000  # the API's largest page
Day = datetime.date | str | None
PageKind = Literal["state", "instrument", "commitment", "node"]
PROFILE_LISTS = ("instruments", "commitments", "events", "memberships", "topics")


def _day(value: Day) -> str | None:
    """A day as the API reads it (ISO); strings pass as given, so the API judges them."""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _segment(value: str) -> str:
    """An id or name as one path segment ("Viet Nam", "A/CPPNM" stay one segment)."""
    return quote(value, safe="")


@dataclass(frozen=True)
class StateProfile:
    """A State's profile: its own facts in `info`, one DataFrame per list, and what an as_of answer left out
    (`exclusions`)."""

    id: str
    info: dict[str, Any]
    instruments: pd.DataFrame
    commitments: pd.DataFrame
    events: pd.DataFrame
    memberships: pd.DataFrame
    topics: pd.DataFrame
    as_of: str | None = None
    exclusions: dict[str, Any] | None = field(default=None, repr=False)


class Client:
    """The API at `base_url` (the server's root, e.g. http://127.0.0.1:8000), as a notebook reads it."""

    def __init__(self, base_url: str = "http://127.0.0.1:8000", timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/").removesuffix(API_PREFIX)
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, headers={"Accept": "application/json"})
        self.gaps = Gaps(self)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client({self.base_url!r})"

    # --- transport -----------------------------------------------------------------------------

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """One GET under /api/v1; error answers raised as the client's exceptions, None parameters left out."""
        query = {key: value for key, value in (params or {}).items() if value is not None}
        try:
            response = self._http.get(API_PREFIX + path, params=query)
        except httpx.TransportError as error:
            raise Unavailable(f"cannot reach {self.base_url}: {error}", url=self.base_url) from error
        raise_for_problem(response)
        return response.json()  # type: ignore[no-any-return]

    def get_frame(self, path: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        """Every row of a paged list (limit/offset until `total`), metadata of the answer in `attrs`."""
        params = dict(params or {})
        rows: list[dict[str, Any]] = []
        first: dict[str, Any] | None = None
        while True:
            body = self.get_json(path, {**params, "limit": PAGE_SIZE, "offset": len(rows)})
            first = first or body
            rows.extend(body["data"])
            if not body["data"] or len(rows) >= body.get("total", len(rows)):
                break
        _check_as_of(first, params.get("as_of"), path)
        return rows_frame(rows, envelope_attrs(first))

    # --- resources -----------------------------------------------------------------------------

    def parties(self, instrument: str, as_of: Day = None, status: Literal["party", "signatory"] = "party",
                region: str | None = None) -> pd.DataFrame:
        """Parties (or signatories) of an instrument, optionally as of a day and in a UN region."""
        return self.get_frame(f"/instruments/{_segment(instrument)}/parties",
                              {"as_of": _day(as_of), "status": status, "region": region})

    def state(self, iso3: str, as_of: Day = None) -> StateProfile:
        """A State's profile (an ISO3 code or a name) across instruments, commitments, events, memberships."""
        path = f"/states/{_segment(iso3)}"
        body = self.get_json(path, {"as_of": _day(as_of)})
        _check_as_of(body, _day(as_of), path)
        meta = {"state": body["id"], "as_of": body.get("as_of"), "exclusions": body.get("exclusions")}
        frames = {name: rows_frame(body.get(name) or [], meta) for name in PROFILE_LISTS}
        info = {key: value for key, value in body.items() if key not in PROFILE_LISTS}
        return StateProfile(id=body["id"], info=info, as_of=body.get("as_of"), exclusions=body.get("exclusions"),
                            **frames)

    def backing(self, instruments: list[str] | None = None, group: str | None = None, as_of: Day = None,
                states: list[str] | None = None, region: str | None = None) -> pd.DataFrame:
        """States x instruments: one row per State, `cells.<INSTRUMENT>.status` etc. per instrument."""
        return self.get_frame("/backing", {"instrument": instruments, "group": group, "as_of": _day(as_of),
                                           "state": states, "region": region})

    def implementation(self, commitment: str | None = None, *, state: str | None = None,
                       as_of: Day = None) -> pd.DataFrame:
        """Implementation of commitments tied to instruments: per commitment, or per State (give exactly one)."""
        if (commitment is None) == (state is None):
            raise ValueError("give exactly one of commitment or state")
        path = (f"/commitments/{_segment(commitment)}/implementation" if commitment is not None
                else f"/states/{_segment(state or '')}/implementation")
        return self.get_frame(path, {"as_of": _day(as_of)})

    def search(self, q: str, kind: str | None = None, limit: int = 20) -> pd.DataFrame:
        """Nodes by name, short name or alias, best match first (at most 100)."""
        body = self.get_json("/search", {"q": q, "kind": kind, "limit": limit})
        return rows_frame(body["data"], envelope_attrs(body))

    def instruments(self) -> pd.DataFrame:
        """The legal instruments."""
        return self.get_frame("/instruments")

    def sources(self) -> pd.DataFrame:
        """The source documents every fact cites."""
        return self.get_frame("/sources")

    # --- pages ---------------------------------------------------------------------------------

    def page_url(self, kind: PageKind, node_id: str, as_of: Day = None) -> str:
        """The URL of a network page: /viz/state/..., /viz/instrument/..., /viz/commitment/..., /viz/node/...

        `as_of` rides along as `?as_of=` (the pages draw that day where the server's pages read it)."""
        if kind not in PageKind.__args__:  # type: ignore[attr-defined]
            raise ValueError(f"no page of kind {kind!r}; one of {', '.join(PageKind.__args__)}")  # type: ignore[attr-defined]
        day = _day(as_of)
        return f"{self.base_url}/viz/{kind}/{_segment(node_id)}" + (f"?{urlencode({'as_of': day})}" if day else "")

    def view(self, kind: PageKind, node_id: str, as_of: Day = None, height: int = 650) -> Any:
        """The network page inline in Jupyter (an IPython IFrame); without IPython, its URL."""
        url = self.page_url(kind, node_id, as_of)
        try:
            from IPython.display import IFrame  # optional: only notebooks have it
        except ImportError:
            return url
        return IFrame(url, width="100%", height=height)


class Gaps:
    """The gap analyses (`client.gaps.universalization(...)`, ...), each a DataFrame of the States in the gap."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def universalization(self, instrument: str, group: str | None = None, region: str | None = None,
                         states: list[str] | None = None, as_of: Day = None) -> pd.DataFrame:
        """Members of a group, region or list with no party fact for the instrument (give one of the three)."""
        return self._client.get_frame("/gaps/universalization", {"instrument": instrument, "group": group,
                                                                 "region": region, "state": states,
                                                                 "as_of": _day(as_of)})

    def amendment(self, as_of: Day = None) -> pd.DataFrame:
        """CPPNM parties with no party fact for its 2005 Amendment."""
        return self._client.get_frame("/gaps/amendment", {"as_of": _day(as_of)})

    def commitments(self, instrument: str, today: Day = None) -> pd.DataFrame:
        """States that subscribed to a commitment tied to the instrument, with no party fact for it."""
        return self._client.get_frame("/gaps/commitments", {"instrument": instrument, "today": _day(today)})

    def topics(self) -> pd.DataFrame:
        """Topics addressed by commitments or guidance but by no legal instrument."""
        return self._client.get_frame("/gaps/topics")

    def what_if(self, iso3: str) -> pd.DataFrame:
        """What a State has not joined, ranked by how many of its peers have."""
        return self._client.get_frame(f"/gaps/what-if/{_segment(iso3)}")


def _check_as_of(body: dict[str, Any], as_of: str | None, path: str) -> None:
    """An answer asked as of a day must say so: a server whose route ignores `as_of` would answer for today."""
    if as_of is not None and "as_of" not in body:
        raise InvalidRequest(f"{path} on this server does not answer as of a day (its answer has no as_of); "
                             "ask without as_of", url=path)
