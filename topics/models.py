"""The one vocabulary of legal topics (婚姻家庭, 继承, …) that shifts, events, feedback and needs share.

A topic's ``code`` is stable (API clients and stored event topics use it) and never changes; its
``label`` is an English msgid for the seeded topics (translated on display) or the coordinator's own
wording for topics added later.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The seeded vocabulary, in display order: (code, English label). The Chinese labels are in the catalogue.
SEED_TOPICS = (
    ("marriage_family", "Marriage and family"),
    ("inheritance", "Inheritance"),
    ("land", "Land contracting and expropriation"),
    ("labour", "Labour disputes and unpaid wages"),
    ("neighbours", "Neighbours and adjoining rights"),
    ("contracts_debts", "Contracts and debts"),
    ("consumer", "Consumer rights"),
    ("telecom_fraud", "Telecom and online fraud"),
    ("traffic", "Traffic accidents"),
    ("minors", "Protection of minors"),
    ("elderly", "Rights of the elderly"),
    ("administrative", "Administration and petitions"),
    ("other", "Other"),
)

# So that makemessages sees the seeded labels (they live in the database as msgids).
_SEED_LABELS = (
    _("Marriage and family"),
    _("Inheritance"),
    _("Land contracting and expropriation"),
    _("Labour disputes and unpaid wages"),
    _("Neighbours and adjoining rights"),
    _("Contracts and debts"),
    _("Consumer rights"),
    _("Telecom and online fraud"),
    _("Traffic accidents"),
    _("Protection of minors"),
    _("Rights of the elderly"),
    _("Administration and petitions"),
    _("Other"),
)


class TopicQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Topic(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=100)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("legal topic")
        verbose_name_plural = _("legal topics")

    def __str__(self):
        return self.display_label

    @property
    def display_label(self):
        """The label in the active language (seeded labels are msgids; added ones are shown as written)."""
        return gettext(self.label) if self.label else self.code


def topic_labels():
    """{code: label in the active language} for every topic, in display order (one query)."""
    return {topic.code: topic.display_label for topic in Topic.objects.all()}


def display_topics(values):
    """An event's ``topics`` (codes of the vocabulary and free texts) as labels, in order (one query)."""
    values = [str(value) for value in values or ()]
    if not values:
        return []
    labels = {topic.code: topic.display_label for topic in Topic.objects.filter(code__in=values)}
    return [labels.get(value, value) for value in values]


def split_topics(values):
    """(vocabulary codes, free texts) of an event's ``topics`` (one query)."""
    values = [str(value) for value in values or ()]
    codes = set(Topic.objects.filter(code__in=values).values_list("code", flat=True)) if values else set()
    return [v for v in values if v in codes], [v for v in values if v not in codes]


def topic_choices():
    """(code, label) of the active topics, for forms (one query)."""
    return [(topic.code, topic.display_label) for topic in Topic.objects.active()]
