"""The public API (its contract is held by tests/api/). Each feature keeps its routes in api/<feature>/urls.py."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.people.views import obtain_auth_token

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html")),
        name="api-docs",
    ),
    path("", include("api.areas.urls")),
    path("", include("api.advisors.urls")),
    path("", include("api.events.urls")),
    path("", include("api.legalsavvy.urls")),
    path("", include("api.coverage.urls")),
    path("", include("api.figures.urls")),
    path("", include("api.works.urls")),
    path("", include("api.notifications.urls")),
    path("", include("api.quality.urls")),
    path("", include("api.jobs.urls")),
    path("", include("api.imports.urls")),
    path("", include("api.sync.urls")),
    path("", include("api.topics.urls")),
    path("", include("api.needs.urls")),
    path("", include("api.people.urls")),
    path("", include("api.lookups.urls")),
]
