"""The API's door to the one permission layer."""
from rest_framework import permissions

from districtlab.core.permissions import CHANGE, CREATE, DELETE, actor_for, can


class PolicyPermission(permissions.BasePermission):
    """Signed-in people only; writes are asked of the model's policy."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        model = getattr(getattr(view, "queryset", None), "model", None)
        if request.method == "POST" and getattr(view, "action", None) == "create" and model is not None:
            return can(actor_for(request.user), CREATE, model)
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True  # the queryset is already scoped to what the actor may see
        action = DELETE if request.method == "DELETE" else CHANGE
        return can(actor_for(request.user), action, obj)
