from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "districtlab.evaluation"
    label = "evaluation"
    verbose_name = "Program evaluation"
