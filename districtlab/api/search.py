"""``?search=`` for every API list, its problems named after the parameter like every other 400."""
from rest_framework import exceptions, filters


class SearchFilter(filters.SearchFilter):
    """DRF's search, whose refusal of a bad term (e.g. a null character) says which parameter is wrong."""

    def get_search_terms(self, request):
        try:
            return super().get_search_terms(request)
        except exceptions.ValidationError as exc:
            raise exceptions.ValidationError({self.search_param: exc.detail}) from None
