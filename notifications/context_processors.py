from .models import Notification


def unread_notifications(request):
    """``unread_notifications``: the bell's count on every page. Loaded with the user by
    ``notifications.auth.UnreadCountBackend``; counted here only for users loaded otherwise."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = getattr(user, "unread_notifications_count", None)
    if count is None:
        count = Notification.objects.filter(user=user, read=False).count()
    return {"unread_notifications": count}
