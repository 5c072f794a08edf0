from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "districtlab.evaluation"
    label = "evaluation"
    verbose_name = "Program evaluation: surveys, outcomes and reports"

    def ready(self):
        from . import home, panels, policies  # noqa: F401  (register the policies, the home card and the panels)
