"""Pickers that load their options as the user types (advisors, legal-savvy persons, areas).

The page holds only the chosen options: ``LookupSelect``/``LookupSelectMultiple`` render a <select>
with the selected values alone (one query, whatever the size of the list), marked with
``data-picker-url`` — an ``/api/lookups/…`` endpoint in the user's scope — so that
``static/site/pickers.js`` (Tom Select) asks it for matches as the user types.

**Without JavaScript** the same widget shows, next to that short <select> (the current choice, which
can be kept or cleared), a text box named ``<field>_text``: people type names, licence or certificate
numbers or area codes, separated by commas. ``LookupChoiceField``/``LookupMultipleChoiceField`` resolve
the typed words in one query (exact matches on ``typed_fields``); a word that matches nobody, or
several people (two 张伟), is a form error that lists the candidates with what tells them apart. The
script removes the text box when it enhances the select.
"""

import re
from functools import reduce
from operator import or_
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import IntegerField, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .pickers import PickerMixin

SPLIT = re.compile(r"[,，、;；\n]+")
MAX_TYPED = 100  # words resolved from one text box
MAX_MATCHES = 5  # candidates named in an "ambiguous" error


class Typed(NamedTuple):
    """What a form without JavaScript sent: the kept choices and the typed words."""

    picked: list
    words: list


def split_words(text):
    text = (text or "").replace("\x00", "")  # PostgreSQL's text columns take no NUL byte
    return [word.strip() for word in SPLIT.split(text) if word.strip()][:MAX_TYPED]


class LookupMixin(PickerMixin):
    typed_suffix = "_text"

    def __init__(self, *args, url, typed_label="", **kwargs):
        super().__init__(*args, url=url, **kwargs)
        self.typed_label = typed_label

    def use_required_attribute(self, initial):
        # Without JavaScript the choice may come from the text box: the browser must not refuse the
        # form because the short <select> is empty (the field still checks it on the server).
        return False

    def format_value(self, value):
        if isinstance(value, Typed):
            value = value.picked
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        picked = super().value_from_datadict(data, files, name)
        words = split_words(data.get(name + self.typed_suffix))
        if not words:
            return picked
        if not isinstance(picked, (list, tuple)):
            picked = [picked] if picked else []
        return Typed([str(value) for value in picked if value], words)

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and name + self.typed_suffix not in data

    def optgroups(self, name, value, attrs=None):
        """Only the chosen options (and the empty one of a single select)."""
        # A NUL byte (junk in the query string) cannot reach PostgreSQL's text columns.
        chosen = [str(v) for v in value if v not in (None, "") and "\x00" not in str(v)]
        options = []
        if not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "—", not chosen, 0, attrs=attrs))
        for index, (key, label) in enumerate(self.chosen_labels(chosen), start=1):
            options.append(self.create_option(name, key, label, True, index, attrs=attrs))
        return [(None, options, 0)]

    def chosen_labels(self, chosen):
        field = getattr(self.choices, "field", None)
        if not chosen or field is None:
            return []
        key = field.to_field_name or "pk"
        model_field = field.queryset.model._meta.get_field(field.to_field_name or field.queryset.model._meta.pk.name)
        if isinstance(model_field, IntegerField):  # keep the query within the column's range
            chosen = [value for value in chosen if value.isdigit() and int(value) < 2**63]
        try:
            found = {str(field.prepare_value(obj)): obj for obj in field.queryset.filter(**{f"{key}__in": chosen})}
        except (ValueError, TypeError, ValidationError):
            return []
        return [(value, field.label_from_instance(found[value])) for value in chosen if value in found]

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        words = ", ".join(value.words) if isinstance(value, Typed) else ""
        widget_id = (attrs or {}).get("id") or self.attrs.get("id") or name
        return html + format_html(
            '<span class="picker-typed" data-picker-typed-for="{}"><input type="text" name="{}" value="{}" '
            'id="{}{}" placeholder="{}" aria-label="{}" autocomplete="off"></span>',
            widget_id,
            name + self.typed_suffix,
            words,
            widget_id,
            self.typed_suffix,
            self.typed_label,
            self.typed_label,
        )


class LookupSelect(LookupMixin, forms.Select):
    pass


class LookupSelectMultiple(LookupMixin, forms.SelectMultiple):
    pass


class LookupFieldMixin:
    widget_class = LookupSelect

    def __init__(self, queryset, *, url, typed_fields=("name",), typed_label=None, label_from=None, **kwargs):
        self.typed_fields = typed_fields
        self.label_from = label_from
        label = typed_label or _("Or type names or numbers, separated by commas")
        kwargs.setdefault("widget", self.widget_class(url=url, typed_label=label))
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj):
        return self.label_from(obj) if self.label_from else super().label_from_instance(obj)

    def prepare_value(self, value):
        if isinstance(value, Typed):
            return value
        return super().prepare_value(value)

    def has_changed(self, initial, data):
        return True if isinstance(data, Typed) else super().has_changed(initial, data)

    def resolve(self, words):
        """The keys of the typed words, in one query; unknown or ambiguous words are errors."""
        condition = reduce(or_, (Q(**{f"{name}__in": words}) for name in self.typed_fields))
        found = list(self.queryset.filter(condition)[: MAX_TYPED * MAX_MATCHES])
        keys, errors = [], []
        for word in words:
            matches = [obj for obj in found if any(str(getattr(obj, f) or "") == word for f in self.typed_fields)]
            if not matches:
                errors.append(ValidationError(_("“%(word)s” matches nobody you may choose."), params={"word": word}))
            elif len(matches) > 1:
                names = "; ".join(self.label_from_instance(obj) for obj in matches[:MAX_MATCHES])
                errors.append(
                    ValidationError(
                        _("“%(word)s” matches several: %(names)s. Type the number instead."),
                        params={"word": word, "names": names},
                    )
                )
            else:
                keys.append(str(self.prepare_value(matches[0])))
        if errors:
            raise ValidationError(errors)
        return keys


class LookupChoiceField(LookupFieldMixin, forms.ModelChoiceField):
    widget_class = LookupSelect

    def clean(self, value):
        if isinstance(value, Typed):
            if len(value.words) > 1:
                raise ValidationError(_("Type one only."))
            value = self.resolve(value.words)[0]
        return super().clean(value)


class LookupMultipleChoiceField(LookupFieldMixin, forms.ModelMultipleChoiceField):
    widget_class = LookupSelectMultiple

    def clean(self, value):
        if isinstance(value, Typed):
            value = list(dict.fromkeys(value.picked + self.resolve(value.words)))
        return super().clean(value)
