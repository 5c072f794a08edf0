"""``?ordering=`` for every API list: only by what the viewer sees, people in the order the viewer may know."""
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter

from districtlab.core.people import ordered_for
from districtlab.core.permissions import actor_for


class ViewerOrderingFilter(OrderingFilter):
    """Sort by the record's own fields that the response shows this viewer, and by nothing else.

    A field the serializer leaves out (a meeting's recipients, a person's user account) or hides from this
    viewer (a person's email, for anyone who does not see contact details) cannot be sorted by: sorting by
    it would reveal it. An unknown or hidden field is a 400 naming the fields that can be used. For viewers
    who see people by pseudonym, sorting by a person (or their name) sorts by the person's id
    (``districtlab.core.people.ordered_for``).
    """

    def get_valid_fields(self, queryset, view, context=None):
        context = context or {}
        shown = [(name, label) for name, label in self.get_default_valid_fields(queryset, view, context)]
        own = {f.name for f in queryset.model._meta.fields} | {"id", "pk"}
        request = context.get("request")
        serializer_class = view.get_serializer_class() if hasattr(view, "get_serializer_class") else None
        hidden = set()
        if request is not None and hasattr(serializer_class, "hidden_fields"):
            hidden = serializer_class.hidden_fields(actor_for(request.user))
        allowed = getattr(view, "ordering_fields", None)
        listed = None if allowed in (None, "__all__") else {a if isinstance(a, str) else a[0] for a in allowed}
        return [(name, label) for name, label in shown
                if name in own and name not in hidden and (listed is None or name in listed)]

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = [name for name, _ in self.get_valid_fields(queryset, view, {"request": request})]
        wrong = [term for term in fields if term and term.lstrip("-") not in valid]
        if wrong:
            raise exceptions.ValidationError({self.ordering_param: [
                f'You cannot sort by "{wrong[0].lstrip("-")}". Sort by one of: {", ".join(valid)} '
                '(add "-" before a field for the reverse order).']})
        return [term for term in fields if term]

    def filter_queryset(self, request, queryset, view):
        return ordered_for(actor_for(request.user), super().filter_queryset(request, queryset, view))
