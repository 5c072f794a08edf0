"""The backup's portable format: Django's JSON serialization, keeping times to the microsecond.

Django's own JSON encoder cuts times to milliseconds, so a restored record would not be identical.
Registered as the serialization format ``districtlab-json`` by :mod:`districtlab.core.backup`.
"""
import datetime as dt

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = django_json.Deserializer
