"""The login backend that loads the bell's unread count with the user (no extra query per page).

Django's ModelBackend, except that ``get_user`` (called once per request for session logins)
annotates ``unread_notifications_count``; ``context_processors.unread_notifications`` reads it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Notification


def with_unread_count(users):
    unread = (
        Notification.objects.filter(user=OuterRef("pk"), read=False)
        .order_by()
        .values("user")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    return users.annotate(unread_notifications_count=Coalesce(Subquery(unread), Value(0)))


class UnreadCountBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = with_unread_count(User._default_manager.all()).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
