"""Why a topic write was refused: stable codes (never renamed) with translated messages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, Refusal, reuse


class TopicError(models.TextChoices):
    NOT_ALLOWED = reuse(CommonError.NOT_ALLOWED)
    CODE_TAKEN = "topic_code_taken", _("A topic with this code already exists.")
    BAD_CODE = "topic_bad_code", _("A code is lower-case letters, digits and underscores, starting with a letter.")
    LABEL_REQUIRED = "topic_label_required", _("Enter the topic's name.")
    CODE_FIXED = "topic_code_fixed", _("A topic's code never changes.")


class TopicRefused(Refusal):
    codes = TopicError
