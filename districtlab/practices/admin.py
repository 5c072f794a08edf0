"""Django admin for the practice library; private practices stay their author's even here."""
from districtlab.core.admin import register_scoped

from . import models as m

register_scoped([
    (m.Practice, ["name", "kind", "origin_school", "visibility"]),
    (m.Version, ["practice", "number", "parent", "school", "date"]),
    (m.PracticeEvidence, ["practice", "kind", "nature", "basis"]),
    (m.Adoption, ["practice", "school", "from_school", "through", "date", "status"]),
    (m.ShareOut, ["school", "date", "evidence", "challenges", "successes"]),
    (m.Convention, ["title", "level", "school", "date"]),
])
