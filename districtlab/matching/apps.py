from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "districtlab.matching"
    label = "matching"
    verbose_name = "Applications and matching: calls, review, designations, match proposals, agreements"

    def ready(self):
        from . import policies  # noqa: F401  (register the policies)
