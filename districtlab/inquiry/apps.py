from django.apps import AppConfig


class InquiryConfig(AppConfig):
    name = "districtlab.inquiry"
    label = "inquiry"
    verbose_name = "Cycles of Learning: problems of practice, goals, cycles and measures"

    def ready(self):
        from . import policies  # noqa: F401  (registers the inquiry policies)
