from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "districtlab.org"
    label = "org"
    verbose_name = "Organisation: districts, schools, people, teams and networks"

    def ready(self):
        from . import policies  # noqa: F401  (registers the org policies)
