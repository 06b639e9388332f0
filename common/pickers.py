"""Type-ahead pickers (Tom Select, vendored in static/vendor/tom-select/) over ordinary <select>s.

Progressive enhancement: the widgets render the usual <select> (every form works without
JavaScript); ``static/site/pickers.js`` turns each ``select[data-picker]`` into a searchable box, and
with ``data-picker-url`` it asks that small JSON endpoint (``?q=``, answered by ``picker_response``:
``{"results": [{"value", "text"}]}``, at most PICKER_LIMIT, within the user's scope) as the user types.
Strings come from the page (data attributes), so the script has nothing to translate.
"""

from django import forms
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

PICKER_LIMIT = 20
MAX_QUERY = 50


class PickerMixin:
    class Media:
        css = {"all": ["vendor/tom-select/tom-select.default.min.css"]}
        js = ["vendor/tom-select/tom-select.complete.min.js", "site/pickers.js"]

    def __init__(self, *args, url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs.update(
            {
                "data-picker": "",
                "data-picker-placeholder": _("Type to search"),
                "data-picker-none": _("No match"),
            }
        )
        if url is not None:  # a lazy reverse: not evaluated before the URLconf is loaded
            self.attrs["data-picker-url"] = url


class PickerSelect(PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(PickerMixin, forms.SelectMultiple):
    pass


def picker_query(request):
    return (request.GET.get("q") or "").strip()[:MAX_QUERY]


def picker_response(pairs):
    """``pairs``: (value, text) — the first PICKER_LIMIT are answered."""
    return JsonResponse(
        {"results": [{"value": str(value), "text": text} for value, text in list(pairs)[:PICKER_LIMIT]]}
    )
