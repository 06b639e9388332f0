"""Everything the ledger check looks up, loaded once before the first row (no query per row):
the villages of the uploader's area, the advisors, and the assignments of those villages."""

from collections import defaultdict

from accounts.scopes import scope_prefix
from advisors.models import Advisor, Assignment
from places.models import Area
from topics.models import Topic

from ..reading import header_key
from .columns import COLUMNS, TOPIC, columns_with, label

CHUNK = 500


class Lookups:
    def __init__(self, user):
        # Column names for messages, translated once (not once per line).
        self.labels = {column: label(column) for column in COLUMNS}
        topics = list(Topic.objects.all())
        self.topics = {topic.code: topic.pk for topic in topics}  # every code check_topic_counts knows
        self.columns = columns_with(topics)
        self.labels.update({TOPIC + topic.code: topic.display_label for topic in topics})
        self.prefix = scope_prefix(user) if user is not None else ""
        self.villages = {}  # id → Area (only villages in scope)
        self.by_code = {}
        self.by_name = defaultdict(list)  # header_key(village name) → [Area]
        areas = Area.objects.villages().select_related("parent")
        if self.prefix is None:
            areas = areas.none()
        elif self.prefix:
            areas = areas.filter(code__startswith=self.prefix)
        for area in areas:
            self.villages[area.pk] = area
            self.by_code[area.code] = area
            self.by_name[header_key(area.name)].append(area)
        self.advisors = {}
        self.by_license = {}
        self.advisors_by_name = defaultdict(list)
        for advisor in Advisor.objects.only("id", "name", "license_no", "active"):
            self.advisors[advisor.pk] = advisor
            if advisor.license_no:
                self.by_license[header_key(advisor.license_no)] = advisor
            self.advisors_by_name[header_key(advisor.name)].append(advisor)
        self.assignments = defaultdict(list)  # (advisor_id, village_id) → [(starts_on, ends_on)]
        ids = sorted(self.villages)
        for start in range(0, len(ids), CHUNK):
            rows = Assignment.objects.filter(village_id__in=ids[start : start + CHUNK]).values_list(
                "advisor_id", "village_id", "starts_on", "ends_on"
            )
            for advisor_id, village_id, starts_on, ends_on in rows:
                self.assignments[(advisor_id, village_id)].append((starts_on, ends_on))

    def in_scope_code(self, code):
        return self.prefix is not None and code.startswith(self.prefix)

    def assigned(self, advisor_id, village_id, day):
        """Same rule as Assignment.objects.in_force(day): starts_on ≤ day and (open or ends_on ≥ day)."""
        return any(
            starts_on <= day and (ends_on is None or ends_on >= day)
            for starts_on, ends_on in self.assignments.get((advisor_id, village_id), ())
        )
