from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "districtlab.visits"
    label = "visits"
    verbose_name = "Meetings and visits: team meetings, site visits, studio sessions"

    def ready(self):
        from . import forms, panels, policies, views  # noqa: F401  (register the policies, home card, panels and
        # the meeting chooser other apps' forms name)
