from django import forms
from django.utils.translation import gettext_lazy as _


class TopicForm(forms.Form):
    code = forms.SlugField(label=_("code"), max_length=40, help_text=_("Stable: it never changes once saved."))
    label = forms.CharField(label=_("label"), max_length=100)
    position = forms.IntegerField(label=_("position"), min_value=0, max_value=10_000, initial=100)
