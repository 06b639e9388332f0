"""The URLconf of the benchmark's server (``config/settings_bench.py``): the whole site, plus the floor.

``POST /bench/floor/<event_id>/`` is what a bare Django view costs: parse the JSON body, one INSERT of a
check-in row (same table, same indexes, same constraint), answer 201. No checks, no rate limit, no
refusals: the benchmark drives it beside ``POST /api/checkin/{secret}/`` under the same server.
"""

import json

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from outreach.models import CheckIn

INSERT = (
    f"INSERT INTO {CheckIn._meta.db_table} (event_id, name, phone, gender, age_group, occupation, method, "
    "created_at, annulled, annul_reason, phone_unverified, personal_data_purged) "
    "VALUES (%s, %s, %s, %s, %s, %s, 'self', %s, false, '', false, false)"
)


@csrf_exempt
def floor_checkin(request, event_id):
    data = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute(
            INSERT,
            [
                event_id,
                data["name"],
                data["phone"],
                data["gender"],
                data["age_group"],
                data["occupation"],
                timezone.now(),
            ],
        )
    return JsonResponse({"status": "ok"}, status=201)


urlpatterns = [
    path("bench/floor/<int:event_id>/", floor_checkin),
    path("", include("config.urls")),
]
