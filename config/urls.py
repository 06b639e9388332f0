from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from accounts.health import healthz

urlpatterns = [
    path("", include("accounts.urls")),
    path("areas/", include("places.urls")),
    path("advisors/", include("advisors.urls")),
    path("people/", include("people.urls")),
    path("legal-savvy/", include("legalsavvy.urls")),
    path("events/", include("outreach.urls")),
    # The event check-in QR opens /c/<secret>/ (short, so the QR stays easy to scan).
    path("c/", include("outreach.checkin_urls")),
    path("coverage/", include("coverage.urls")),
    path("figures/", include("reports.urls")),
    path("works/", include("works.urls")),
    path("notifications/", include("notifications.urls")),
    path("quality/", include("quality.urls")),
    path("jobs/", include("jobs.urls")),
    path("imports/", include("imports.urls")),
    path("topics/", include("topics.urls")),
    path("needs/", include("needs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    # The installable web app: /sw.js, /manifest.webmanifest and the offline pages /offline/….
    path("", include("offline.urls")),
    path("healthz", healthz, name="healthz"),
]

handler400 = "accounts.errorpages.bad_request"
handler403 = "accounts.errorpages.permission_denied"
handler404 = "accounts.errorpages.page_not_found"
handler500 = "accounts.errorpages.server_error"

# Uploaded event photos. Behind gunicorn in production, serve MEDIA_ROOT from the reverse proxy.
if settings.DEBUG:
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
