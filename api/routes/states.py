"""HTTP for a State's profile (`queries.states`)."""

from fastapi import APIRouter

from api.as_of import AsOf
from api.deps import DatabaseDep
from queries.models import StateProfile
from queries.states import state_profile

router = APIRouter(prefix="/states", tags=["states"])


@router.get("/{iso3}", response_model=StateProfile,
            summary="A State's profile: instruments, commitments, events, memberships and topics")
def get_state_profile(iso3: str, db: DatabaseDep, as_of: AsOf = None) -> StateProfile:
    """ISO codes are matched case-insensitively (`jpn` is JPN); a name ("Holland", "Viet Nam") resolves to its
    State (`requested` keeps what was asked), an ambiguous one is a 404 that lists the candidates."""
    return state_profile(db, iso3, as_of)
