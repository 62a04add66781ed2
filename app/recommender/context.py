"""One request's inputs, resolved once and handed to every rule."""

from dataclasses import dataclass
from datetime import date

from app.recommender.dated_pool import DatedPool
from app.recommender.index import CatalogIndex
from app.recommender.profile import Profile
from app.recommender.vocabulary import Standing


@dataclass(frozen=True, slots=True)
class Context:
    profile: Profile
    index: CatalogIndex
    as_of: date
    completed: frozenset[str]
    dated: DatedPool  # the vendor exams bookable on `as_of`

    @property
    def standing(self) -> Standing:
        return self.profile.standing

    @property
    def background(self) -> str:
        return self.profile.background
