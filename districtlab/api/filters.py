"""The API's filters: the same actor-scoped filter base as the pages, for every endpoint."""
from django_filters import rest_framework as drf_filters

from districtlab.org.filters import ActorFilterSet


class ApiFilterSet(ActorFilterSet, drf_filters.FilterSet):
    """An endpoint's ``filterset_fields`` become this: choices from the actor's scope, so filtering by a record the
    actor may not see is the same 400 as filtering by one that does not exist."""


class ScopedFilterBackend(drf_filters.DjangoFilterBackend):
    filterset_base = ApiFilterSet
