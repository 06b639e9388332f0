from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .home_sections import sections_for
from .navigation import items_for

HOME_TEMPLATES = {
    "coordinator": "accounts/home_coordinator.html",
    "town_officer": "accounts/home_town_officer.html",
    "organizer": "accounts/home_organizer.html",
    "advisor": "accounts/home_advisor.html",
}


@login_required
def home(request):
    user = request.user
    role = "coordinator" if user.is_superuser and not user.role else user.role
    template = HOME_TEMPLATES.get(role, "accounts/home_none.html")
    return render(request, template, {"role": role, "links": items_for(user), "sections": sections_for(user, role)})
