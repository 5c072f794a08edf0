from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "districtlab.evaluation"
    label = "evaluation"
    verbose_name = "Program evaluation: surveys, outcomes and reports"

    def ready(self):
        from . import home, policies  # noqa: F401  (register the policies and the home card)
