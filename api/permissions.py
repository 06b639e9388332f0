"""Reusable DRF permissions by role; area scope is checked with ``accounts.scopes`` in each feature."""

from rest_framework import permissions

from accounts.scopes import is_manager


class IsCoordinatorOrReadOnly(permissions.BasePermission):
    """Any logged-in user reads; only coordinators (and superusers) write."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or request.user.is_coordinator


class IsCoordinator(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_coordinator)


class IsManager(permissions.BasePermission):
    """Coordinators and town officers."""

    def has_permission(self, request, view):
        return is_manager(request.user)
