from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "districtlab.practices"
    label = "practices"
    verbose_name = "Practice library and knowledge flow"

    def ready(self):
        from . import forms, policies  # noqa: F401  (register the practices policies and the practice chooser)
