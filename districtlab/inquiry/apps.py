from django.apps import AppConfig


class InquiryConfig(AppConfig):
    name = "districtlab.inquiry"
    label = "inquiry"
    verbose_name = "Cycles of Learning: problems of practice, goals, cycles and measures"

    def ready(self):
        from districtlab.org.exporters import EXPORT_SIZES, EXPORTERS, records_in

        from . import forms, models, panels, policies, progress  # noqa: F401  (register the policies, home card,
        # panels and the problem, goal and cycle choosers other apps' forms name)
        from .exporters import export_cycles

        EXPORTERS["cycles"] = export_cycles
        EXPORT_SIZES["cycles"] = records_in(models.Cycle)  # a large export is prepared in the background
