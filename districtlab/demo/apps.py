from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "districtlab.demo"
    label = "demo"
    verbose_name = "Demo district built from the seeds"
