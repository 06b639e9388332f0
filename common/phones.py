"""Mainland China mobile numbers: normalize, validate, mask."""

import re

from .errors import CommonError, coded

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalize_mobile(raw):
    """'+86 138-0013-8000' → '13800138000'. Raises ValidationError when it is not a mainland mobile."""
    text = re.sub(r"[\s\-().]", "", str(raw or ""))
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    if not MOBILE.match(text):
        raise coded(CommonError.BAD_PHONE)
    return text


def mask_phone(phone):
    """'13800138000' → '138****8000'; anything shorter is masked entirely."""
    phone = phone or ""
    if len(phone) >= 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * len(phone)
