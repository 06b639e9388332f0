"""Forms of the people pages: choices are limited to what the signed-in manager may grant."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.scopes import scope_q
from places.models import Area

from . import access


def _scope_choices(by):
    areas = Area.objects.filter(scope_q(by, "code"), level__in=["district", "town"], active=True).order_by("code")
    return [("", "—")] + [(area.code, f"{area.name} ({area.code})") for area in areas]


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150, validators=[User.username_validator])
    first_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"))
    scope = forms.ChoiceField(label=_("Scope"), help_text=_("The area this person works in."))
    phone = forms.CharField(label=_("Mobile number"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email (optional)"), required=False)
    advisor = forms.TypedChoiceField(label=_("Advisor record"), required=False, coerce=int, empty_value=None)
    is_active = forms.BooleanField(label=_("Login active"), required=False, initial=True)

    def __init__(self, *args, by, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.by, self.editing = by, editing
        self.fields["role"].choices = [(role.value, role.label) for role in access.roles_grantable_by(by)]
        self.fields["scope"].choices = _scope_choices(by)
        if editing is None:
            del self.fields["is_active"]
            linkable = access.advisors_linkable_by(by).filter(user__isnull=True, active=True).order_by("name")
            self.fields["advisor"].choices = [("", "—")] + [(a.pk, a.name) for a in linkable]
        else:
            del self.fields["username"], self.fields["advisor"]
            if editing.role and editing.role not in dict(self.fields["role"].choices):
                self.fields["role"].choices.append((editing.role, editing.get_role_display()))
            if editing.scope_id and editing.scope.code not in dict(self.fields["scope"].choices):
                self.fields["scope"].choices.append((editing.scope.code, editing.scope.name))

    def clean_scope(self):
        code = self.cleaned_data["scope"]
        return Area.objects.filter(code=code).first() if code else None

    def clean_advisor(self):
        from advisors.models import Advisor

        pk = self.cleaned_data.get("advisor")
        return Advisor.objects.filter(pk=pk).first() if pk else None


def initial_for(user):
    return {
        "first_name": user.first_name,
        "role": user.role,
        "scope": user.scope.code if user.scope_id else "",
        "phone": user.phone,
        "email": user.email,
        "is_active": user.is_active,
    }


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=80, help_text=_("Which system uses it, e.g. 区大数据平台.")
    )
    user = forms.ModelChoiceField(label=_("Acts as"), queryset=User.objects.none())

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = access.users_visible_to(by).filter(is_active=True).order_by("username")
        self.fields["user"].initial = by.pk


class RosterForm(forms.Form):
    file = forms.FileField(label=_("Roster file (.xlsx or .csv)"))
    dry_run = forms.BooleanField(label=_("Dry run: check only, create nothing"), required=False, initial=True)
