from .navigation import items_for


def role_navigation(request):
    user = getattr(request, "user", None)
    return {"nav_items": items_for(user) if user is not None else []}
